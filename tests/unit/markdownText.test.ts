import { describe, expect, it } from 'vitest';
import { escapeMarkdown, excerpt, inline } from '../../shared/report/markdownText';

describe('user text in Markdown', () => {
  it('leaves ordinary text as typed, on one line', () => {
    expect(inline("Capteurs de qualité de l'air & IoT (2024), 3.5 km — « pilote » !")).toBe("Capteurs de qualité de l'air & IoT (2024), 3.5 km — « pilote » !");
    expect(inline('Budget de maintenance\nsur 5 ans')).toBe('Budget de maintenance sur 5 ans');
  });

  it('escapes what would become markup, a link or structure', () => {
    expect(inline('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(inline('[clic](javascript:alert(1))')).toBe('\\[clic\\](javascript:alert(1))');
    expect(inline('![x](https://t.example/p.gif)')).toBe('!\\[x\\](https\\://t\\.example/p\\.gif)');
    expect(inline('www.example.be et a@b.be')).toBe('www\\.example\\.be et a\\@b\\.be');
    expect(inline('# Titre')).toBe('\\# Titre');
    expect(inline('- puce')).toBe('\\- puce');
    expect(inline('12. liste')).toBe('12\\. liste');
    expect(inline('**gras** _it_ `code` ~~barré~~ a|b')).toBe('\\*\\*gras\\*\\* \\_it\\_ \\`code\\` \\~\\~barré\\~\\~ a\\|b');
    expect(inline('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
    expect(escapeMarkdown('fin\\')).toBe('fin\\\\');
  });

  it('cuts excerpts before escaping, so an escape is never cut in half', () => {
    expect(excerpt('*'.repeat(100), 10)).toBe(`${'\\*'.repeat(9)}…`);
  });
});
