"""The optional LLM judge: a rubric prompt (prompts/judge.j2) asked of a model.

It runs only when asked (``eval --judge``) and only with a model; replies go
through the same structured client as drafts, so they are validated, re-asked
and cached the same way (``--cache only`` replays a judged run offline).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import JdtailorError, ModelConfigError
from .scorers import Score, Subject

__all__ = ["RUBRIC", "ModelJudge", "Verdict"]

RUBRIC = ("specific", "why_hiring", "faithful", "clear", "inclusive")


class Verdict(BaseModel):
    """The judge's reply: five 1-5 scores and the reasons (strict-schema friendly)."""

    model_config = ConfigDict(extra="forbid")

    specific: int
    why_hiring: int
    faithful: int
    clear: int
    inclusive: int
    reasons: str


def _problems(verdict: Verdict) -> list[str]:
    return [
        f"{name} is {getattr(verdict, name)}; give a whole number from 1 to 5"
        for name in RUBRIC
        if not 1 <= getattr(verdict, name) <= 5
    ]


class ModelJudge:
    """Scores one draft with a model; 1-5 on each rubric point maps to 0-100."""

    def __init__(self, model: str, **options: Any) -> None:
        from ..llm import LLMSettings, StructuredClient

        self.llm = StructuredClient(LLMSettings(model=model, **options))

    def messages(self, s: Subject) -> list[dict[str, str]]:
        from ..prompts import fence, render

        posting = s.markdown
        notes = s.context_text
        user = render(
            "judge.j2",
            part="user",
            notes=notes,
            notes_fence=fence(notes),
            posting=posting,
            posting_fence=fence(posting),
        )
        return [
            {"role": "system", "content": render("judge.j2", part="system")},
            {"role": "user", "content": user},
        ]

    def __call__(self, s: Subject) -> Score:
        from ..llm import RepairsExhausted
        from ..prompts import render, templates_hash

        try:
            outcome = self.llm.ask(
                self.messages(s),
                Verdict,
                check=_problems,
                repair=lambda problems: render("judge.j2", part="repair", problems=problems),
                salt=templates_hash(),
            )
        except RepairsExhausted as exc:
            return Score("judge", None, f"judge gave no usable review: {exc.problems[0]}")
        except ModelConfigError:
            raise
        except JdtailorError as exc:
            return Score("judge", None, f"judge failed: {exc.message}")
        v = outcome.value
        points = {name: getattr(v, name) for name in RUBRIC}
        score = 100.0 * (sum(points.values()) - len(points)) / (4 * len(points))
        data = {
            **points,
            "cache_hit": outcome.cache_hit,
            "prompt_tokens": outcome.usage.prompt_tokens,
            "completion_tokens": outcome.usage.completion_tokens,
        }
        return Score("judge", score, v.reasons.strip(), data)
