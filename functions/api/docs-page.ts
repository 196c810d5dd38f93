// A human-readable page rendered from the same OpenAPI document as /openapi.json, with no
// assets from elsewhere: it must work offline and inside a Lambda bundle.
import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses?: Record<string, { description?: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

type Document = { info: { title: string; version: string; description?: string }; paths?: Record<string, Record<string, Operation>> };

const schemaName = (op: Operation) =>
  Object.values(op.requestBody?.content ?? {})[0]?.schema?.$ref?.split('/').pop();

export function renderDocsPage(document: object) {
  const doc = document as Document;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${doc.info.title} — API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code{background:#f2f4f7;padding:.1rem .3rem;border-radius:4px}
section{border-top:1px solid #d8dee4;padding:.8rem 0}
.m{display:inline-block;min-width:4.5rem;font-weight:700}
td{padding:.1rem .8rem .1rem 0;vertical-align:top}
</style></head>
<body>
<h1>${doc.info.title} <small>v${doc.info.version}</small></h1>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1). Errors are RFC 9457 problem details.</p>
${operations.map(
  ({ path, method, op }) => html`<section id="${method}-${path}">
<h2><span class="m">${method}</span><code>${path}</code></h2>
<p><strong>${op.summary ?? ''}</strong></p>
${op.description ? html`<p>${op.description}</p>` : ''}
<p>Auth: ${op.security?.length ? Object.keys(op.security[0]!).join(', ') : 'none'}${
    schemaName(op) ? raw(` · Body: <code>${schemaName(op)}</code>`) : ''
  }</p>
<table>${Object.entries(op.responses ?? {}).map(
    ([status, r]) => html`<tr><td><code>${status}</code></td><td>${r.description ?? ''}</td></tr>`,
  )}</table>
</section>`,
)}
</body></html>`;
}
