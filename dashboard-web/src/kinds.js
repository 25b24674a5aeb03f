// The device kinds as the server's kind files describe them (GET /api/v1/device-kinds): plain
// functions, so node's test runner checks them (test/kinds.test.mjs) without a browser.

/** A kind's SVG icon as a URL that an <img> or an Image() loads. */
export function svgDataUrl(svg) {
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
}

/**
 * A kind's name on the page: in Chinese the kind file's label; in another language the
 * dictionary's word when it has one (the built-in kinds), else the kind file's label too. A kind the
 * server did not describe shows its wire name.
 */
export function kindLabel(kinds, kind, lang, word) {
  if (lang !== 'zh' && word) return word;
  return kinds.get(kind)?.label ?? word ?? kind;
}

/** The legend's order: fixed kinds first, then those that move; by label within each. */
export function legendOrder(list) {
  return [...list].sort((a, b) => Number(a.mobile) - Number(b.mobile) || a.label.localeCompare(b.label, 'zh-CN'));
}
