import { describe, expect, it } from "vitest";
import { html, Markup } from "../../lib/http/html.ts";
import { deepFreeze, derivedCache } from "../../lib/cache/derived.ts";

describe("markup built as a string", () => {
  it("escapes every value put into it, and only markup built the same way goes in as it is", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const cell = html`<td title="${name}">${name}</td>`;
    expect(cell).toBeInstanceOf(Markup);
    expect(cell.value).toBe(
      `<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</td>`,
    );
    expect(html`<tr>${cell}</tr>`.value).toBe(`<tr>${cell.value}</tr>`);
  });

  it("writes lists one after another and leaves out null, undefined and false; numbers as text", () => {
    expect(html`<ul>${["a<", "b"].map((x) => html`<li>${x}</li>`)}${null}${undefined}${false}${0}</ul>`.value).toBe(
      "<ul><li>a&lt;</li><li>b</li>0</ul>",
    );
  });
});

describe("values derived from kept objects", () => {
  it("are computed once per objects and key, again for another key or other objects", () => {
    const cache = derivedCache<{ n: number }>();
    const figures = {};
    const t = () => "";
    let computed = 0;
    const derive = () => ({ n: ++computed });
    const first = cache([figures, t], "k1", derive);
    expect(cache([figures, t], "k1", derive)).toBe(first);
    expect(cache([figures, t], "k2", derive)).not.toBe(first);
    expect(cache([{}, t], "k1", derive)).not.toBe(first);
    expect(cache([figures, () => ""], "k1", derive)).not.toBe(first);
    expect(computed).toBe(4);
  });

  it("keep at most the newest keys of each object", () => {
    const cache = derivedCache<number>(2);
    const o = {};
    let computed = 0;
    for (const key of ["a", "b", "c"]) cache([o], key, () => ++computed);
    expect(cache([o], "c", () => ++computed)).toBe(3);
    expect(cache([o], "a", () => ++computed)).toBe(4); // dropped, computed again
  });

  it("are frozen all the way down when shared", () => {
    const value = deepFreeze({ rows: [{ cells: [1, 2] }] });
    expect(Object.isFrozen(value.rows[0].cells)).toBe(true);
    expect(() => {
      value.rows[0].cells.push(3);
    }).toThrow();
  });
});
