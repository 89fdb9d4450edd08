export const id = 565;
export const ids = [565];
export const modules = {

/***/ 8565:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mermaidLine: () => (/* binding */ mermaidLine),
/* harmony export */   render: () => (/* binding */ render),
/* harmony export */   sparkline: () => (/* binding */ sparkline)
/* harmony export */ });
/* harmony import */ var marked__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8022);
/* harmony import */ var marked_terminal__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3784);
// A step summary (GitHub-flavoured Markdown, written for the Actions UI) rendered for a terminal:
// marked reads the Markdown and marked-terminal draws it (entities decoded, tables aligned with
// cli-table3, emphasis as terminal styles). Two things GitHub draws that a terminal cannot are
// turned into text first: a `<details>` block shows its title only (its contents indented with
// `verbose`), and a ```mermaid block becomes one line (a chart's title and a sparkline of its
// first series).


const SPARKS = '▁▂▃▄▅▆▇█';
/** `0.5, 1, 3` -> `▁▂█`: each value's height between the series' lowest and highest. */
function sparkline(values) {
    if (values.length === 0)
        return '';
    const low = Math.min(...values);
    const high = Math.max(...values);
    return values.map((v) => SPARKS[high === low ? 0 : Math.round(((v - low) / (high - low)) * (SPARKS.length - 1))]).join('');
}
/** A ```mermaid block in one line of text. */
function mermaidLine(source) {
    const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
    const kind = body.trim().split(/\s+/)[0] ?? 'diagram';
    const title = /^\s*title\s+"?([^"\n]*)"?\s*$/m.exec(body)?.[1]?.trim();
    const series = [...body.matchAll(/^\s*(?:line|bar)\s+\[([^\]]*)\]/gm)].map((m) => m[1]
        .split(',')
        .map((v) => Number(v.trim()))
        .filter((v) => Number.isFinite(v)));
    const first = series[0];
    if (first && first.length > 0) {
        const low = Math.min(...first);
        const high = Math.max(...first);
        return `📈 ${title ?? 'chart'}: ${sparkline(first)} (${first.length} points, ${low} to ${high})`;
    }
    return `📈 ${title ?? `${kind} diagram`} (drawn on GitHub)`;
}
const decode = (text) => text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const DETAILS_OPEN = /^\s*<details[^>]*>\s*(?:<summary[^>]*>([\s\S]*?)<\/summary>)?/i;
const DETAILS_CLOSE = /<\/details>\s*$/i;
/**
 * Replaces each `<details>` … `</details>` run of tokens by its title (a paragraph), followed by
 * its contents as an indented block when unfolded; ```mermaid blocks by one line.
 */
function fold(tokens, marked, opts) {
    const out = [];
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.type === 'code' && token.lang === 'mermaid') {
            out.push(...marked.lexer(mermaidLine(token.text).replace(/[\\`*_[\]<>&]/g, '\\$&')));
            continue;
        }
        const open = token.type === 'html' ? DETAILS_OPEN.exec(token.raw) : null;
        if (!open) {
            out.push(token);
            continue;
        }
        // The contents run to the matching </details> (nested ones counted).
        let depth = DETAILS_CLOSE.test(token.raw) ? 0 : 1;
        const inner = [];
        let j = i + 1;
        for (; depth > 0 && j < tokens.length; j++) {
            const t = tokens[j];
            if (t.type === 'html' && DETAILS_OPEN.test(t.raw))
                depth++;
            if (t.type === 'html' && DETAILS_CLOSE.test(t.raw))
                depth--;
            if (depth > 0)
                inner.push(t);
        }
        i = depth > 0 ? tokens.length : j - 1;
        const title = decode(open[1] ?? 'Details').trim() || 'Details';
        const shown = inner.filter((t) => t.type !== 'space');
        const count = shown.length;
        out.push(...marked.lexer(`▸ ${title.replace(/[\\`*_[\]<>&]/g, '\\$&')}${opts.verbose || count === 0 ? '' : ' (folded; --verbose shows it)'}`));
        if (opts.verbose && count > 0) {
            const text = render(inner.map((t) => t.raw).join(''), opts);
            out.push({ type: 'paragraph', raw: '', text: '', tokens: [{ type: 'text', raw: '', text: '' }] });
            out.push({
                type: 'code',
                raw: text,
                text: text.replace(/\n+$/, '').replace(/^/gm, '  '),
                codeBlockStyle: 'indented',
                lang: 'shipline-text',
            });
        }
    }
    return out;
}
/** The Markdown of a step summary as terminal text (ends with a newline). */
function render(markdown, opts = {}) {
    const marked = new marked__WEBPACK_IMPORTED_MODULE_0__/* .Marked */ .Dz();
    marked.use((0,marked_terminal__WEBPACK_IMPORTED_MODULE_1__/* .markedTerminal */ .X)({
        width: opts.width ?? 100,
        reflowText: false,
        showSectionPrefix: false,
        tab: 2,
        emoji: false,
        // One line a row: no rule between rows; no colours unless asked.
        tableOptions: {
            chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
            ...(opts.color ? {} : { style: { head: [], border: [] } }),
        },
        ...(opts.color ? {} : plain),
    }), {
        renderer: {
            // A table with an empty header row (a list of facts): drawn without it.
            table(token) {
                if (token.header.every((cell) => cell.text.trim() === ''))
                    token.header = [];
                return false;
            },
            // Unfolded contents, already rendered: printed as they are.
            code(token) {
                return token.lang === 'shipline-text' ? `${token.text}\n\n` : false;
            },
        },
    });
    const tokens = fold(marked.lexer(markdown), marked, opts);
    const text = marked.parser(tokens);
    return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
/** Every style marked-terminal applies, as the identity: text without escape codes. */
const identity = (s) => s;
const plain = Object.fromEntries([
    'code',
    'blockquote',
    'html',
    'heading',
    'firstHeading',
    'hr',
    'listitem',
    'table',
    'paragraph',
    'strong',
    'em',
    'codespan',
    'del',
    'link',
    'href',
    'text',
].map((k) => [k, identity]));


/***/ })

};
