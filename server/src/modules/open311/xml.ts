/** Open311's XML is plain nesting of elements; this writes exactly that, escaped. */
type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function element(name: string, value: Value): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(singular(name), v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The spec's list elements: services/service, service_requests/request, errors/error, keys of attribute values. */
function singular(name: string): string {
  const known: Record<string, string> = {
    services: 'service',
    service_requests: 'request',
    errors: 'error',
    attributes: 'attribute',
  };
  return known[name] ?? 'item';
}

export function toXml(root: string, value: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
