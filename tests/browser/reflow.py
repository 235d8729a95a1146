"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing may make the reader scroll sideways or cut text off,
except content made to scroll on purpose (a wide table or chart in its own scroller, which the keyboard can
reach).

Measured in the page:

- the document is no wider than the window;
- every visible element and every piece of text in the content column lies inside the column, except inside a
  scroller (an element whose ``overflow-x`` is ``auto`` or ``scroll``), which itself must lie inside the window
  (Material draws its table scrollers from edge to edge on a phone);
- no element with ``overflow-x`` ``hidden`` or ``clip`` holds more than it shows;
- a scroller that does scroll can be focused (``tabindex="0"``), so keyboard users can scroll it.

Each offender is named by a short CSS path from the column, with its measurements.
"""

from __future__ import annotations

from playwright.sync_api import Page

WIDTH = 320
"""WCAG's reflow width: 1280 CSS pixels at 400% zoom."""

MEASURE = """() => {
  const found = [];
  const doc = document.documentElement;
  const view = doc.clientWidth;
  const px = (n) => Math.round(n) + 'px';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + Array.from(el.classList, (c) => '.' + c).join('');
  const column = document.querySelector('.md-content__inner') || document.querySelector('main') || document.body;
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== column && parts.length < 4; e = e.parentElement) { parts.unshift(name(e)); }
    return parts.join(' > ');
  };
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const inScroller = (el) => {
    for (let e = el.parentElement; e && e !== column; e = e.parentElement) { if (scrolls(e)) { return true; } }
    return false;
  };
  if (doc.scrollWidth > view) {
    const wide = [];  // what reaches past the window: outside any scroller, or positioned out of one
    const clipped = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (getComputedStyle(e).overflowX !== 'visible') { return true; }
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position) || !clipped(el);
      if (r.width > 0 && r.right > view + 1 && escapes
          && ![...el.children].some((c) => c.getBoundingClientRect().right > view + 1)) {
        wide.push(path(el) + ' (to ' + px(r.right) + ')');
      }
    }
    found.push('the page scrolls sideways: ' + px(doc.scrollWidth) + ' wide in a ' + px(view) + ' window; '
      + 'reaching past it: ' + wide.slice(0, 3).join(', '));
  }
  const box = column.getBoundingClientRect();
  const inside = (r, left, right) => r.left >= left - 1 && r.right <= right + 1;
  for (const el of column.querySelectorAll('*')) {
    if (!el.checkVisibility() || inScroller(el)) { continue; }
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { continue; }
    if (style.position === 'absolute' && style.clip !== 'auto') { continue; }  // visually hidden text
    const scroller = scrolls(el);
    if (scroller ? !inside(r, 0, view) : !inside(r, box.left, box.right)) {
      found.push(path(el) + ' is ' + px(r.width) + ' wide, from ' + px(r.left - box.left) + ' to '
        + px(r.right - box.left) + ' of a ' + px(box.width) + ' column');
      continue;
    }
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      if (scroller && el.getAttribute('tabindex') !== '0') {
        found.push(path(el) + ' scrolls sideways (' + px(el.scrollWidth) + ' in ' + px(el.clientWidth)
          + ') but the keyboard cannot reach it');
      } else if (['hidden', 'clip'].includes(style.overflowX)) {
        found.push(path(el) + ' cuts off its content: ' + px(el.scrollWidth) + ' in ' + px(el.clientWidth));
      }
    }
  }
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (!text.textContent.trim() || !parent.checkVisibility() || inScroller(text)) { continue; }
    const style = getComputedStyle(parent);
    if (style.position === 'absolute' && style.clip !== 'auto') { continue; }
    range.selectNodeContents(text);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && !inside(r, box.left, box.right)) {
      found.push(path(parent) + ': its text "' + text.textContent.trim().slice(0, 30) + '" runs from '
        + px(r.left - box.left) + ' to ' + px(r.right - box.left) + ' of a ' + px(box.width) + ' column');
    }
  }
  return [...new Set(found)];
}"""


def offenders(page: Page) -> list[str]:
    """What breaks reflow on the page as it is now: empty when nothing does."""
    found: list[str] = page.evaluate(MEASURE)
    return found
