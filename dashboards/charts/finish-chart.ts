/**
 * Makes a Plot SVG one accessible image: role="img" with the chart's name. Plot labels its mark
 * groups with aria-label on role-less <g> elements, which ARIA prohibits (axe-core
 * aria-prohibited-attr); inside an image they are not announced anyway, so they are removed,
 * keeping only the icons' own role="img" names.
 */
export function finishChart(svg: SVGSVGElement, label: string, kind: string): SVGSVGElement {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', `${svg.getAttribute('class') ?? ''} ${kind}`.trim());
  for (const element of svg.querySelectorAll('[aria-label], [aria-description]')) {
    if (element.hasAttribute('role')) continue;
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
  }
  return svg;
}
