"""The stylesheet of the HTML memo, inline in the page: fonts the reader's machine has (宋体 and
its likes for Chinese), foldable trees, and a print style that sets the whole memo on A4 with
every fold open (``::details-content``, where the browser has it; unfold first where it has not)."""

from __future__ import annotations

CSS = """
:root {
  --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c9c9c9; --ok: #1b6e20; --no: #a3161a;
  --statute: #5b3a00; --paper: #ffffff; --tint: #f5f3ee;
}
html { background: var(--paper); color: var(--ink); }
body {
  margin: 0; font-size: 15px; line-height: 1.6;
  font-family: "Times New Roman", "Songti SC", "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC",
    "Noto Serif SC", serif;
}
main.memo { max-width: 62em; margin: 0 auto; padding: 1.5em 2em 3em; }
h1, h2, h3, h4 {
  font-family: "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", "SimHei", "黑体", "Noto Sans CJK SC",
    "Source Han Sans SC", sans-serif;
  line-height: 1.35; margin: 1.4em 0 0.5em;
}
h1 { font-size: 1.6em; margin-top: 0.4em; }
h2 { font-size: 1.3em; border-bottom: 1px solid var(--rule); padding-bottom: 0.2em; }
h3 { font-size: 1.1em; }
h4 { font-size: 1em; }
code {
  font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 0.86em;
  background: var(--tint); padding: 0 0.25em; border-radius: 3px; overflow-wrap: anywhere;
}
blockquote { margin: 0.6em 0; padding: 0.4em 1em; border-left: 4px solid var(--rule); background: var(--tint); }
blockquote.statute, .statute {
  font-family: "Kaiti SC", "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif; color: var(--statute);
}
blockquote.statute { border-left-color: #b08a4a; }
.cite { color: var(--statute); }
.intro { color: var(--muted); }
table { border-collapse: collapse; margin: 0.6em 0 1em; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: var(--tint); }
.ok { color: var(--ok); font-weight: bold; }
.no { color: var(--no); font-weight: bold; }
.open { color: #8a5a00; font-weight: bold; }
.mark { color: var(--muted); }
.label { color: var(--muted); font-weight: bold; }
.more { color: var(--muted); font-style: italic; }
a.ref { color: #1a4f8a; }
article.conclusion { margin: 1em 0 2em; }
details.tree { margin: 0.5em 0 1em; }
details.tree > summary { cursor: pointer; }
ul.steps { list-style: none; margin: 0.1em 0; padding-left: 1.3em; border-left: 1px dotted var(--rule); }
details.tree > ul.steps { border-left: none; padding-left: 0.2em; }
ul.steps li { margin: 0.15em 0; }
ul.steps summary { cursor: pointer; }
ul.steps li.leaf { padding-left: 1.1em; }
li.provision > details > summary strong { font-weight: bold; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { font-size: 10.5pt; }
  main.memo { max-width: none; padding: 0; }
  details::details-content { content-visibility: visible; display: contents; }
  summary { list-style: none; }
  summary::-webkit-details-marker { display: none; }
  a.ref { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, summary, li.leaf { break-inside: avoid; }
  blockquote, code, th { background: none; }
}
""".strip()
