/** How each stance looks in every view (matrix, timeline, plans): the shared palette, so a colour means one thing. */
export { STANCE_COLORS, STANCE_ORDER } from '../../shared/model/analysis';
