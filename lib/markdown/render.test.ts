import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, optionalCorpus } from '@/tests/corpora';
import { renderMarkdown } from './render';

// --- A tiny strict HTML scanner -------------------------------------------
// No HTML parser (rehype-parse, parse5, hast-util-from-html) is installed, so
// we scan hast-util-to-html output, which is regular: text never contains a raw
// `<` (it is escaped), attribute values are double-quoted or absent. Any `<`
// that does not start a tag we recognise is itself reported, so an odd
// construct cannot slip past the scanner unseen.

type Tag = { name: string; attrs: Array<{ name: string; value: string }> };

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*)\s*(\/?)>/y;
const ATTR = /([^\s"'<>/=]+)(?:="([^"]*)")?/g;

function scan(html: string): { tags: Tag[]; stray: string[] } {
  const tags: Tag[] = [];
  const stray: string[] = [];
  let i = html.indexOf('<');
  while (i !== -1) {
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      stray.push(html.slice(i, i + 40));
      i = html.indexOf('<', i + 1);
      continue;
    }
    if (!m[1]) {
      const attrs = [...(m[3] ?? '').matchAll(ATTR)].map((a) => ({ name: a[1] ?? '', value: a[2] ?? '' }));
      tags.push({ name: (m[2] ?? '').toLowerCase(), attrs });
    }
    i = html.indexOf('<', TAG.lastIndex);
  }
  return { tags, stray };
}

const NAMED: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  period: '.',
  nbsp: '\u00a0',
};

// Browsers accept numeric references without the trailing `;`.
function decodeEntities(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+);?|#([0-9]+);?|([a-z]+);)/gi, (whole, hex, dec, name) => {
    if (hex || dec) {
      const cp = hex ? parseInt(hex, 16) : parseInt(dec, 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return NAMED[String(name).toLowerCase()] ?? whole;
  });
}

const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'background',
  'cite',
  'longdesc',
]);
const BAD_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'style',
  'svg',
  'math',
  'form',
  'base',
  'meta',
  'link',
  'frame',
  'frameset',
  'template',
]);
const BAD_SCHEME = /^(?:javascript|vbscript|data):/;

function normaliseUrl(value: string): string[] {
  const strip = (s: string) => s.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const decoded = strip(decodeEntities(value));
  let percent = decoded;
  try {
    percent = strip(decodeURIComponent(decoded));
  } catch {
    // Not valid percent-encoding; the entity-decoded form is still checked.
  }
  return [decoded, percent];
}

function problems(html: string): string[] {
  const { tags, stray } = scan(html);
  const found = stray.map((s) => `unparsed markup: ${s}`);
  for (const tag of tags) {
    if (BAD_TAGS.has(tag.name)) found.push(`element <${tag.name}>`);
    for (const { name, value } of tag.attrs) {
      const attr = name.toLowerCase();
      if (attr.startsWith('on')) found.push(`event handler ${attr} on <${tag.name}>`);
      if (attr === 'style') found.push(`style attribute on <${tag.name}>`);
      if (URL_ATTRS.has(attr) && normaliseUrl(value).some((u) => BAD_SCHEME.test(u))) {
        found.push(`${attr}="${value}" on <${tag.name}>`);
      }
    }
  }
  return found;
}

// --- Feature tests -----------------------------------------------------------

describe('renderMarkdown', () => {
  it('renders GFM tables and strikethrough', async () => {
    const { html } = await renderMarkdown('| Service | State |\n| --- | --- |\n| api | ~~up~~ down |\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Service</th>');
    expect(html).toContain('<td><del>up</del> down</td>');
  });

  it('renders task lists as disabled checkboxes', async () => {
    const { html } = await renderMarkdown('- [x] rotate keys\n- [ ] add alert\n');
    expect(html).toContain('<ul class="contains-task-list">');
    expect(html).toContain('<input type="checkbox" checked disabled> rotate keys');
    expect(html).toContain('<input type="checkbox" disabled> add alert');
  });

  it('renders footnotes whose links and back-links resolve', async () => {
    const { html } = await renderMarkdown('The disk filled up.[^disk]\n\n[^disk]: Logs were not rotated.\n');
    const { tags } = scan(html);
    const ids = new Set(tags.flatMap((t) => t.attrs.filter((a) => a.name === 'id').map((a) => a.value)));
    const fragments = tags.flatMap((t) =>
      t.name === 'a' ? t.attrs.filter((a) => a.name === 'href' && a.value.startsWith('#')).map((a) => a.value.slice(1)) : [],
    );
    expect(fragments).toEqual(expect.arrayContaining(['user-content-fn-disk', 'user-content-fnref-disk']));
    for (const target of fragments) expect(ids).toContain(target);
    // aria-describedby on the reference must point at the footnotes heading.
    expect(html).toContain('aria-describedby="footnote-label"');
    expect(ids).toContain('footnote-label');
  });

  it('gives h2/h3 headings ids that match the toc', async () => {
    const md =
      '# Title\n\n## Timeline & `impact`\n\n### Root cause\n\n#### Deep\n\n## Timeline & `impact`\n\nNote.[^1]\n\n[^1]: x\n';
    const { html, toc } = await renderMarkdown(md);
    expect(toc).toEqual([
      { depth: 2, id: 'user-content-timeline--impact', text: 'Timeline & impact' },
      { depth: 3, id: 'user-content-root-cause', text: 'Root cause' },
      { depth: 2, id: 'user-content-timeline--impact-1', text: 'Timeline & impact' },
    ]);
    for (const { depth, id } of toc) {
      expect(html).toContain(`<h${depth} id="${id}">`);
      expect(html).toContain(`<a class="heading-anchor" aria-label="Link to this section" href="#${id}">#</a></h${depth}>`);
    }
    // The visually hidden GFM "Footnotes" heading is neither in the toc nor anchored.
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">Footnotes</h2>');
  });

  // Issue 10 class 4: `## __next_f` became id="__next_f", which the browser
  // also exposes as window.__next_f, and Next.js stopped hydrating the page.
  it('never gives a heading an id that names a window global', async () => {
    const globals = ['__next_f', '__NEXT_DATA__', 'location', 'document', 'name', 'top', 'self', 'history'];
    const { html, toc } = await renderMarkdown(globals.map((g) => `## ${g}\n\n### ${g}\n`).join('\n'));
    const ids = scan(html).tags.flatMap((t) => t.attrs.filter((a) => a.name === 'id').map((a) => a.value));
    expect(ids.length).toBe(globals.length * 2);
    for (const id of ids) {
      expect(id.startsWith('user-content-'), id).toBe(true);
      expect(globals.map((g) => g.toLowerCase())).not.toContain(id.toLowerCase());
    }
    expect(html).not.toContain('id="__next_f"');
    expect(toc[0]).toEqual({ depth: 2, id: 'user-content-__next_f', text: '__next_f' });
    expect(html).toContain('<a class="heading-anchor" aria-label="Link to this section" href="#user-content-__next_f">#</a>');
  });

  it('keeps fragment links to headings working, as on GitHub', async () => {
    const { html } = await renderMarkdown('See [the timeline](#timeline) and [nowhere](#nowhere).\n\n## Timeline\n');
    expect(html).toContain('href="#user-content-timeline"');
    expect(html).toContain('<h2 id="user-content-timeline">');
    // A fragment with no heading behind it is left as written.
    expect(html).toContain('href="#nowhere"');
  });

  it('highlights bash code blocks with hljs spans', async () => {
    const { html } = await renderMarkdown('```bash\nif [ -z "$HOST" ]; then echo "missing"; fi\n```\n');
    expect(html).toContain('<code class="hljs language-bash">');
    expect(html).toMatch(/<span class="hljs-keyword">if<\/span>/);
    expect(html).toMatch(/<span class="hljs-string">/);
  });

  it('highlights yaml and json, and accepts sh/console/text aliases', async () => {
    const { html } = await renderMarkdown(
      '```yaml\nreplicas: 3\n```\n\n```json\n{"ok": true}\n```\n\n```sh\necho hi\n```\n\n```console\n$ ip route\n```\n\n```text\nplain\n```\n',
    );
    expect(html).toContain('<span class="hljs-attr">replicas:</span>');
    expect(html).toContain('<span class="hljs-attr">"ok"</span>');
    for (const lang of ['sh', 'console', 'text']) expect(html).toContain(`<code class="hljs language-${lang}">`);
  });

  it('keeps relative, fragment, http(s) and mailto links, and GFM autolinks', async () => {
    const { html } = await renderMarkdown(
      '[rb](../runbooks/disk-full) [top](#timeline) [a](http://a.example) [b](https://b.example/x?y=1) [m](mailto:oncall@example.com) www.example.com\n',
    );
    for (const href of [
      '../runbooks/disk-full',
      '#timeline',
      'http://a.example',
      'https://b.example/x?y=1',
      'mailto:oncall@example.com',
      'http://www.example.com',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it('keeps http(s) and relative images but drops other image sources', async () => {
    const { html } = await renderMarkdown(
      '![graph](https://grafana.example/p.png) ![local](./img/p.png) ![bad](ftp://x/y.png)\n',
    );
    expect(html).toContain('<img src="https://grafana.example/p.png" alt="graph">');
    expect(html).toContain('<img src="./img/p.png" alt="local">');
    expect(html).toContain('<img alt="bad">');
  });

  it('drops raw HTML instead of passing it through', async () => {
    const { html } = await renderMarkdown(
      '<div onclick="x()">hi</div>\n\n<script>alert(1)</script>\n\ntext <b style="color:red">b</b>\n',
    );
    expect(html).not.toMatch(/<div|<script|<b\b|onclick|style=/);
    expect(html).toContain('text');
  });
});

// --- XSS corpora ---------------------------------------------------------------

// One payload per line; only blank lines are skipped (a `#` line is markdown, not a comment).
const payloadsOf = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');

// Our own payload list (tests/fixtures), and the public one when ../shared is beside the checkout.
// Each minimum is the file's count when this test was written: a shrunken or
// unreadable list must fail rather than pass vacuously.
const OWN = { label: 'own payloads', text: readFileSync(fixture('markdown-xss-payloads.txt'), 'utf8'), min: 90 };
const sharedFile = optionalCorpus('markdown-xss-payloads.txt');
const SHARED = { label: 'shared corpus', text: sharedFile ? readFileSync(sharedFile, 'utf8') : '', min: 41 };

for (const list of [OWN, SHARED]) {
  const payloads = payloadsOf(list.text);
  describe.skipIf(list.text === '')(`XSS: ${list.label}`, () => {
    it(`loads at least ${list.min} payloads`, () => {
      expect(payloads.length).toBeGreaterThanOrEqual(list.min);
    });

    it.each(payloads.map((p, i) => [i + 1, p] as const))('payload %i renders safely', async (_line, payload) => {
      const { html } = await renderMarkdown(payload);
      expect(problems(html)).toEqual([]);
    });

    // Lines can interact (e.g. a reference definition on one line used on another).
    it('renders the whole list as one document safely', async () => {
      const { html } = await renderMarkdown(list.text);
      expect(problems(html)).toEqual([]);
    });
  });
}

describe('XSS checker and extra payloads', () => {
  it('the checker itself flags known-bad markup', () => {
    const bad = [
      '<a href="java&#x09;script:alert(1)">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href=" &#x6A;avascript:alert(1)">x</a>',
      '<img src="data:text/html;base64,PHNjcmlwdD4=">',
      '<a href="vbscript&colon;x">x</a>',
      '<img src="x" onerror="alert(1)">',
      '<p style="position:fixed">x</p>',
      '<svg><use xlink:href="data:x"></use></svg>',
      '<iframe src="https://x"></iframe>',
      "<img src='x' onerror=alert(1)>",
    ];
    for (const html of bad) expect(problems(html), html).not.toEqual([]);
    expect(problems('<p><a href="https://ok.example/a:b">ok</a> 1 &#x3C; 2</p>')).toEqual([]);
  });

  // The corpus mostly uses semicolon-less entities, which CommonMark leaves
  // undecoded; these are forms markdown *does* decode into a real scheme.
  it.each([
    '[a](java&#x09;script:alert(1))',
    '[a](&#106;avascript:alert(1))',
    '[a](javascript&#58;alert(1))',
    '[a](<javascript:alert(1)>)',
    '<JaVaScRiPt:alert(1)>',
    '[a](DATA:text/html;base64,PHNjcmlwdD4=)',
    '![a](vbscript:msgbox(1))',
    '[x][ref]\n\n[ref]: javascript:alert(1)',
    'note[^1]\n\n[^1]: [x](javascript:alert(1))',
    '## [x](javascript:alert(1))',
    '| [x](javascript:alert(1)) |\n| --- |',
    '- [ ] [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    '```bash\n<script>alert(1)</script>\n```',
  ])('extra payload %j renders safely', async (payload) => {
    expect(problems((await renderMarkdown(payload)).html)).toEqual([]);
  });
});
