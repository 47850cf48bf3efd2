/**
 * pdf.js's legacy build (the one that runs on Node 20) bundles core-js, which replaces every
 * built-in it judges not quite standard (Array.prototype.push, JSON.parse and JSON.stringify,
 * Function.prototype.toString, TextDecoder, AbortSignal, Response, ...) with a JavaScript
 * polyfill, for the whole thread and for good. On Node 20+ the natives are correct, and far faster:
 * after one PDF, every array push in an import worker went through a polyfill.
 *
 * importKeepingBuiltins() loads such a module and then puts back every built-in it replaced;
 * what it added (Promise.withResolvers, Iterator helpers, ...) stays, since the module needs it.
 */

type Owner = object;

/** The built-in objects whose own properties are watched (constructors, their prototypes, namespaces). */
function builtinOwners(): Owner[] {
  const owners = new Set<Owner>([globalThis, JSON, Math, Reflect, Atomics]);
  const typedArray = Object.getPrototypeOf(Uint8Array) as Owner;
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as Owner;
  owners.add(typedArray).add((typedArray as { prototype: Owner }).prototype).add(iteratorPrototype);
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    const value: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
    // Constructors and classes start with a capital; their prototypes hold the methods.
    if (typeof value === 'function' && /^[A-Z]/.test(name)) {
      owners.add(value);
      const prototype = (value as { prototype?: unknown }).prototype;
      // Function.prototype is itself a function.
      if (prototype && (typeof prototype === 'object' || typeof prototype === 'function')) owners.add(prototype);
    }
  }
  return [...owners];
}

interface Snapshot {
  owner: Owner;
  descriptors: Map<PropertyKey, PropertyDescriptor>;
}

function snapshot(owners: Owner[]): Snapshot[] {
  return owners.map((owner) => {
    const descriptors = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      if (descriptor) descriptors.set(key, descriptor);
    }
    return { owner, descriptors };
  });
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean {
  return b !== undefined && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** Put back what changed since the snapshot; returns the names of the restored properties. */
function restore(snapshots: Snapshot[]): string[] {
  const restored: string[] = [];
  for (const { owner, descriptors } of snapshots) {
    for (const [key, original] of descriptors) {
      if (sameDescriptor(original, Object.getOwnPropertyDescriptor(owner, key))) continue;
      try {
        Object.defineProperty(owner, key, original);
        restored.push(String(key));
      } catch {
        // A property made non-configurable since cannot be put back; the polyfill stays.
      }
    }
  }
  return restored;
}

/** Import a module, then undo any replacement of a built-in it made while loading. */
export async function importKeepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const before = snapshot(builtinOwners());
  try {
    return await load();
  } finally {
    restore(before);
  }
}
