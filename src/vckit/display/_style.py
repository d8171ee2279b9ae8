"""The page's stylesheet: inline, scoped to ``.vckit-badge`` so a fragment fits into any page."""

from __future__ import annotations

from typing import Final

__all__ = ["CSS"]

CSS: Final = """
.vckit-badge{--ok:#0f6b3a;--ok-bg:#e3f5ea;--bad:#a11a1a;--bad-bg:#fdeaea;--warn:#7a4b00;
--warn-bg:#fff4d6;--muted:#4b5563;--line:#d9dde3;--ink:#111827;--card:#ffffff;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);line-height:1.5;max-width:60rem;margin:0 auto;padding:1.25rem;
box-sizing:border-box;overflow-wrap:anywhere}
.vckit-badge *{box-sizing:inherit}
.vckit-badge :is(h1,h2,p,div,dl,dt,dd,ul,li,pre,small,summary,details,footer,span){
font-family:inherit;color:inherit;letter-spacing:normal;text-transform:none;background:none}
.vckit-badge .banner{display:flex;gap:.75rem;align-items:center;border-radius:.6rem;
padding:.9rem 1.1rem;font-size:1.15rem;font-weight:700;margin:0 0 1.25rem;border:2px solid}
.vckit-badge .banner.ok{background:var(--ok-bg);color:var(--ok);border-color:var(--ok)}
.vckit-badge .banner.bad{background:var(--bad-bg);color:var(--bad);border-color:var(--bad)}
.vckit-badge .banner .sym{font-size:1.6rem;line-height:1}
.vckit-badge .banner small{display:block;font-weight:400;font-size:.95rem;color:var(--ink)}
.vckit-badge .card{display:grid;grid-template-columns:minmax(0,12rem) minmax(0,1fr);gap:1.5rem;
background:var(--card);border:1px solid var(--line);border-radius:.8rem;padding:1.25rem}
@media (max-width:40rem){.vckit-badge .card{grid-template-columns:minmax(0,1fr)}}
.vckit-badge .art img,.vckit-badge .art svg{width:100%;max-width:12rem;height:auto;display:block}
.vckit-badge .unverified .art{filter:grayscale(1);opacity:.55}
.vckit-badge .caution{margin:0 0 .5rem;font-weight:600;color:var(--bad)}
.vckit-badge h1{font-size:1.7rem;line-height:1.25;margin:0 0 .3rem}
.vckit-badge h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);
padding-bottom:.25rem}
.vckit-badge .lead{color:var(--muted);margin:.2rem 0 1rem}
.vckit-badge dl{display:grid;grid-template-columns:minmax(0,9rem) minmax(0,1fr);gap:.35rem 1rem;
margin:0}
.vckit-badge dt{font-weight:600;color:var(--muted)}
.vckit-badge dd{margin:0}
.vckit-badge .narrative{white-space:pre-line}
.vckit-badge ul{padding-left:1.2rem;margin:.3rem 0}
.vckit-badge li{margin:.25rem 0}
.vckit-badge ul.checks{list-style:none;padding:0}
.vckit-badge ul.checks>li{border:1px solid var(--line);border-left-width:.4rem;border-radius:.4rem;
padding:.45rem .7rem;margin:.4rem 0}
.vckit-badge ul.checks>li.passed{border-left-color:var(--ok)}
.vckit-badge ul.checks>li.failed,.vckit-badge ul.checks>li.error{border-left-color:var(--bad)}
.vckit-badge ul.checks>li.skipped,.vckit-badge ul.checks>li.info{border-left-color:#9ca3af}
.vckit-badge .state{font-weight:700}
.vckit-badge li.passed .state{color:var(--ok)}
.vckit-badge li.failed .state,.vckit-badge li.error .state{color:var(--bad)}
.vckit-badge li.skipped .state,.vckit-badge li.info .state{color:var(--muted)}
.vckit-badge .msg{display:block;color:var(--ink)}
.vckit-badge code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.85em;background:#f3f4f6;border-radius:.25rem;padding:0 .25rem}
.vckit-badge .pill{display:inline-block;font-size:.8rem;font-weight:600;border-radius:1rem;
padding:0 .55rem;margin-left:.4rem;background:var(--warn-bg);color:var(--warn)}
.vckit-badge .more{color:var(--muted);font-style:italic}
.vckit-badge details{margin:.4rem 0}
.vckit-badge summary{cursor:pointer;font-weight:600}
.vckit-badge pre{white-space:pre-wrap;background:#f3f4f6;border-radius:.4rem;padding:.75rem;
font-size:.8rem;max-height:30rem;overflow:auto}
.vckit-badge a{color:#1d4ed8}
.vckit-badge footer{margin-top:1.5rem;color:var(--muted);font-size:.85rem}
"""
