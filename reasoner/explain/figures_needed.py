"""What a conclusion excluded by a recorded figure would take: the figure the law asks for, read off
its why-not routes (a threshold not reached, on a route whose every other condition is met), with
the provision that asks for it.  Nothing here knows the law: the threshold, the figure and the
provision come from the rules' comparison and the element that holds it."""

from __future__ import annotations

from dataclasses import dataclass

from reasoner.explain.condition import Condition
from reasoner.explain.i18n import fmt_num, fmt_yuan, msg
from reasoner.explain.report import Conclusion
from reasoner.law.catalogue import catalogue


@dataclass(frozen=True)
class Needed:
    """A figure short of its threshold: the provision that compares it, the figure, what it needs."""

    provision: str
    label: str
    citation: str
    subject: str
    figure: int
    needed: int  # the least figure that meets the comparison (the threshold, or one above it)
    gap: int
    unit: str | None

    def text(self, lang: str) -> str:
        """所需数额：10,000.00 元（现为 4,000.00 元，尚差 6,000.00 元）——<label>（<citation>）."""

        def fig(v: int) -> str:
            return fmt_yuan(v, lang) if self.unit == "fen" else fmt_num(v)

        return msg("takes_figure", lang).format(
            needed=fig(self.needed),
            figure=fig(self.figure),
            gap=fig(self.gap),
            label=self.label,
            subject=self.subject,
            citation=self.citation,
        )


def figures_needed(c: Conclusion, lang: str) -> list[Needed]:
    """The recorded figures that alone stand between the conclusion and its routes, each once."""
    cat = catalogue()
    found: dict[tuple, Needed] = {}

    def walk(routes: list[list[Condition]], pid: str, subject: str) -> None:
        for route in routes:
            short = [x for x in route if x.kind == "comparison" and not x.holds and x.gap is not None]
            others = [x for x in route if x not in short]
            if len(short) == 1 and not short[0].open and all(x.holds and not x.open for x in others):
                x = short[0]
                prov = cat.get(pid)
                key = (pid, subject, x.text)
                found.setdefault(
                    key,
                    Needed(
                        pid,
                        prov.label(lang) if prov else pid,
                        prov.citation(lang) if prov else pid,
                        subject,
                        x.figure or 0,
                        (x.figure or 0) + x.gap,  # type: ignore[operator]
                        x.gap,  # type: ignore[arg-type]
                        x.unit,
                    ),
                )
            for x in route:
                if x.kind == "element" and x.routes:
                    walk(x.routes, x.provision or pid, x.subject or subject)

    walk(c.routes, c.id, c.shown_subject)
    return sorted(found.values(), key=lambda n: (n.gap / max(n.needed, 1), n.provision, n.subject))
