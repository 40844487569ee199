// Share links: the script travels in the URL fragment (never sent to a server) as base64url UTF-8.
export function toFragment(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return "#code=" + btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromFragment(hash) {
  const m = /^#code=([A-Za-z0-9_-]*)$/.exec(hash || "");
  if (!m) return null;
  try {
    const bin = atob(m[1].replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch (_) {
    return null;
  }
}
