/** The fields "Edit selected…" offers per aggregate: those the contract's `*:bulk-update` accepts. */
import type { IssueArea } from '../../shared/model/concession';
import type { Party } from '../../shared/model/party';
import type { Source } from '../../shared/model/source';
import {
  ANNOTATION_TYPES,
  CONCESSION_STATUSES,
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  PARTY_KINDS,
  QUOTE_KINDS,
  RELIABILITY_GRADES,
  RELIABILITY_LABELS,
  SOURCE_CHANNELS,
  STANCES,
  humanise,
} from '../../shared/model/vocabulary';
import type { BulkField } from './bulk-edit';

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: humanise(value) }));
const reliability = RELIABILITY_GRADES.map((grade) => ({ value: grade, label: `${grade} · ${RELIABILITY_LABELS[grade]}` }));
const partyChoices = (parties: readonly Party[]) => parties.map((party) => ({ value: party.id, label: party.name }));

export function sourceBulkFields(parties: readonly Party[]): BulkField[] {
  return [
    { field: 'defaultReliability', label: 'Reliability', options: reliability },
    { field: 'partyId', label: 'Party', options: partyChoices(parties), nullable: true },
    { field: 'anonymous', label: 'Anonymous', options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }], parse: (value) => value === 'true' },
  ];
}

export function partyBulkFields(parties: readonly Party[]): BulkField[] {
  return [
    { field: 'kind', label: 'Kind', options: choices(PARTY_KINDS) },
    { field: 'affiliationId', label: 'Affiliation', options: partyChoices(parties), nullable: true },
  ];
}

export function concessionBulkFields(parties: readonly Party[], areas: readonly IssueArea[]): BulkField[] {
  return [
    { field: 'status', label: 'Status', options: choices(CONCESSION_STATUSES) },
    { field: 'issueAreaId', label: 'Issue area', options: areas.map((area) => ({ value: area.id, label: area.name })), nullable: true },
    { field: 'concedingPartyId', label: 'Conceding party', options: partyChoices(parties), nullable: true },
    { field: 'beneficiaryPartyId', label: 'Beneficiary', options: partyChoices(parties), nullable: true },
  ];
}

export function annotationBulkFields(sources: readonly Source[], parties: readonly Party[]): BulkField[] {
  return [
    { field: 'type', label: 'Type', options: choices(ANNOTATION_TYPES) },
    { field: 'reliability', label: 'Reliability (override)', options: reliability, nullable: true },
    {
      field: 'credibility',
      label: 'Credibility',
      options: CREDIBILITY_GRADES.map((grade) => ({ value: String(grade), label: `${grade} · ${CREDIBILITY_LABELS[grade]}` })),
      nullable: true,
      parse: Number,
    },
    { field: 'quoteKind', label: 'Quote', options: choices(QUOTE_KINDS), nullable: true },
    { field: 'channel', label: 'Channel', options: choices(SOURCE_CHANNELS), nullable: true },
    { field: 'sourceId', label: 'Source', options: sources.map((source) => ({ value: source.id, label: source.name })), nullable: true },
    { field: 'partyId', label: 'Party', options: partyChoices(parties), nullable: true },
    { field: 'stance', label: 'Stance', options: choices(STANCES), nullable: true },
  ];
}
