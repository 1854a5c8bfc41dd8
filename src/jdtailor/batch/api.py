"""The OpenAI Batch API: send every request as one job, collect the replies later.

    submit   requests.jsonl ──files.create──▶ batches.create ──▶ batch.json (state)
    collect  batches.retrieve ──completed──▶ files.content ──▶ validate each reply
             valid   ──▶ the posting's files and a manifest record (as ``run`` writes)
             invalid ──▶ the problems go back in a follow-up batch (up to max_attempts)

``batch.json`` in the output folder keeps everything ``collect`` needs (the
conversation so far for each item), so it may run in a later process. Costs use
the Batch API's price: half the model's price.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import CompanyContext
from ..corpus import Corpus
from ..errors import InputError, JdtailorError
from ..files import atomic_write
from .inputs import Problem
from .run import Plan
from .work import Job, Task

__all__ = ["BATCH_DISCOUNT", "STATE", "Collected", "collect", "submit"]

STATE = "batch.json"
BATCH_DISCOUNT = 0.5  # the Batch API costs half the synchronous price
ENDPOINT = "/v1/chat/completions"
_WAITING = ("validating", "in_progress", "finalizing", "cancelling")


@dataclass
class Collected:
    """What ``collect`` found: lines for the user, whether to come back, the plan."""

    lines: list[str] = field(default_factory=list)
    pending: bool = False
    plan: Plan = field(default_factory=Plan)


def _client(llm: dict[str, Any]) -> tuple[Any, Any]:
    from ..llm.client import make_client, resolve_endpoint

    endpoint = resolve_endpoint()
    return make_client(endpoint, timeout=llm["timeout"], retries=llm["retries"]), endpoint


def _call(what: str, fn: Any, endpoint: Any, model: str, llm: dict[str, Any]) -> Any:
    """Run an SDK call; its errors become ours, with the fix where there is one."""
    import openai

    from ..llm.client import translate_error

    try:
        return fn()
    except openai.OpenAIError as exc:
        error = translate_error(
            exc, model=model, endpoint=endpoint, retries=llm["retries"], timeout=llm["timeout"],
            mode=llm["structured"],
        )  # fmt: skip
        raise type(error)(f"Batch API ({what}): {error.message}") from None


def _body(messages: list[dict[str, str]], model: str, llm: dict[str, Any], openai_host: bool):
    from ..llm.structured import response_format
    from ..posting import JobPosting

    body: dict[str, Any] = {"model": model, "messages": messages}
    fmt = response_format(llm["structured"], JobPosting, model_name=model)
    if fmt is not None:
        body["response_format"] = fmt
    body["max_completion_tokens" if openai_host else "max_tokens"] = llm["max_tokens"]
    return body


def _send(
    out_dir: Path, state: dict[str, Any], requests: list[tuple[str, list[dict[str, str]]]]
) -> str:
    """Write the requests file, upload it and create the batch; the batch id."""
    model, llm = state["model"], state["llm"]
    client, endpoint = _client(llm)
    lines = [
        json.dumps(
            {"custom_id": cid, "method": "POST", "url": ENDPOINT,
             "body": _body(messages, model, llm, endpoint.is_openai)},
            ensure_ascii=False, separators=(",", ":"),
        )
        for cid, messages in requests
    ]  # fmt: skip
    name = f"requests-{state['round']}.jsonl"
    path = atomic_write(out_dir / name, "".join(line + "\n" for line in lines), force=True)
    try:
        uploaded = _call(
            "upload",
            lambda: client.files.create(file=(name, path.read_bytes()), purpose="batch"),
            endpoint, model, llm,
        )  # fmt: skip
        batch = _call(
            "create",
            lambda: client.batches.create(
                input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h"
            ),
            endpoint, model, llm,
        )  # fmt: skip
    finally:
        client.close()
    return str(batch.id)


def _save(out_dir: Path, state: dict[str, Any]) -> None:
    atomic_write(out_dir / STATE, json.dumps(state, ensure_ascii=False) + "\n", force=True)


def submit(
    plan: Plan, job: Job, corpus: Corpus, corpus_dirs: list[Path], model: str, llm: dict[str, Any]
) -> str:
    """Send ``plan``'s tasks as one Batch API job and return its id at once."""
    from ..drafters.model import build_messages
    from ..retrieval import retrieve

    state_path = job.out_dir / STATE
    if state_path.exists():
        old = _load(job.out_dir)
        if not old.get("done") and not job.force:
            raise InputError(
                f"{state_path}: batch {old.get('batch_id')} is still being collected; run "
                f"`jdtailor batch status {job.out_dir}` first (or pass --force to send anew)"
            )
    items: dict[str, dict[str, Any]] = {}
    requests = []
    for n, task in enumerate(plan.tasks, 1):
        ctx = CompanyContext.model_validate_json(task.ctx_json)
        messages = build_messages(ctx, retrieve(ctx, corpus), structured=llm["structured"])
        cid = f"item-{n}-1"
        items[str(n)] = {
            "task": task.__dict__, "messages": messages, "attempt": 1,
            "prompt_tokens": 0, "completion_tokens": 0, "cid": cid,
        }  # fmt: skip
        requests.append((cid, messages))
    state: dict[str, Any] = {
        "model": model, "llm": llm, "round": 1, "done": False,
        "job": {"formats": list(job.formats), "show_sources": job.show_sources,
                "date": job.date, "force": job.force},
        "corpus_dirs": [str(Path(d).resolve()) for d in corpus_dirs],
        "order": plan.order, "fingerprints": plan.fingerprints,
        "problems": [p.__dict__ for p in plan.problems], "items": items,
    }  # fmt: skip
    state["batch_id"] = _send(job.out_dir, state, requests)
    _save(job.out_dir, state)
    return state["batch_id"]


MAX_STATE_BYTES = 256_000_000  # ~8 KB an item: 30,000 items (the Batch API takes 50,000)


def _load(out_dir: Path) -> dict[str, Any]:
    from ..reading.files import load_json, read_own

    path = out_dir / STATE
    fix = "restore it, or send the batch again"
    data = read_own(path, limit=MAX_STATE_BYTES, what="batch state file", fix=fix)
    if data is None:
        raise InputError(
            f"{out_dir}: no Batch API job here ({STATE} is missing); send one with "
            f"`jdtailor batch ... -o {out_dir} -m MODEL --batch-api`"
        )
    state = load_json(data, str(path), fix=fix)
    try:
        _check_state(state)
    except (KeyError, TypeError, ValueError, AttributeError):
        state = None
    if not isinstance(state, dict):
        raise InputError(f"{path}: is not a jdtailor batch state file, or is damaged; {fix}")
    return state


def _check_state(state: Any) -> None:
    """Raise if ``state`` is not what ``submit`` wrote (every field ``collect`` reads,
    with its type); a hand-edited or damaged file is then refused in one line."""
    for name, kind in (
        ("model", str), ("llm", dict), ("round", int), ("batch_id", str), ("job", dict),
        ("corpus_dirs", list), ("order", list), ("fingerprints", dict), ("problems", list),
        ("items", dict),
    ):  # fmt: skip
        if not isinstance(state[name], kind):
            raise TypeError(name)
    from .manifest import plain_name

    plan = _plan(state)
    if not all(isinstance(k, str) for k in plan.order) or not all(
        isinstance(p.key, str) and isinstance(p.message, str) for p in plan.problems
    ):
        raise TypeError("order")
    job = state["job"]
    if not isinstance(job["formats"], list) or not all(
        isinstance(d, str) for d in state["corpus_dirs"]
    ):
        raise TypeError("job")
    for item in state["items"].values():
        task = Task(**item["task"])
        texts = (task.key, task.digest, task.ctx_json, item["cid"])
        if not all(isinstance(t, str) for t in texts) or not plain_name(task.name):
            raise TypeError("task")  # a name with a folder in it would write outside -o
        if not isinstance(item["messages"], list) or not isinstance(task.extra, dict):
            raise TypeError("items")
        for name in ("prompt_tokens", "completion_tokens", "attempt"):
            if not isinstance(item[name], int):
                raise TypeError(name)


def _plan(state: dict[str, Any]) -> Plan:
    return Plan(
        order=list(state["order"]),
        problems=[Problem(**p) for p in state["problems"]],
        fingerprints=dict(state["fingerprints"]),
    )


def _reply(line: dict[str, Any]) -> tuple[str | None, int, int, str | None]:
    """(content, prompt tokens, completion tokens, error) of one output line."""
    response = line.get("response") or {}
    body = response.get("body") or {}
    usage = body.get("usage") or {}
    tokens = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
    if line.get("error") or response.get("status_code") != 200:
        err = line.get("error") or body.get("error") or {}
        message = err.get("message") if isinstance(err, dict) else str(err)
        return None, *tokens, f"the request failed ({response.get('status_code')}): {message}"
    try:
        choice = body["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        return None, *tokens, "the reply has no choices"
    if message.get("refusal"):
        return None, *tokens, f"the model refused: {message['refusal']}"
    if choice.get("finish_reason") == "length":
        return None, *tokens, "the reply hit the token limit; raise --max-tokens"
    return message.get("content") or "", *tokens, None


def _problems(content: str, ctx: CompanyContext, retrieval: Any) -> tuple[Any, list[str]]:
    from ..grounding import check_posting
    from ..llm.structured import InvalidReply, parse_reply
    from ..posting import JobPosting

    try:
        posting = parse_reply(content, JobPosting)
    except InvalidReply as exc:
        return None, exc.problems
    return posting, check_posting(posting, retrieval.candidates, ctx)  # sums of money included


def _last_answer(state: Any) -> Any:
    return state.outcome.result()


def _poll(status: Any, wait: float) -> Any:
    """Ask ``status()`` until the batch leaves the waiting states or ``wait``
    seconds have passed, every 5 s (less when the deadline is nearer); the last
    answer either way."""
    from tenacity import Retrying, retry_if_result, stop_after_delay

    deadline = time.monotonic() + wait
    poller = Retrying(
        stop=stop_after_delay(max(0.0, wait)),
        wait=lambda _state: min(5.0, max(0.05, deadline - time.monotonic())),
        retry=retry_if_result(lambda batch: batch.status in _WAITING),
        retry_error_callback=_last_answer,
        reraise=True,
    )
    return poller(status)


def collect(out_dir: Path, *, wait: float = 0.0) -> Collected:
    """Poll the job in ``out_dir``; when it has ended, write what came back."""
    from ..corpus import load_corpus
    from .manifest import Manifest
    from .summary import cost_of, price_for
    from .work import failed_row

    state = _load(out_dir)
    result = Collected(plan=_plan(state))
    if state.get("done"):
        result.lines.append(f"batch {state['batch_id']} was collected already")
        return result
    model, llm = state["model"], state["llm"]
    client, endpoint = _client(llm)
    try:
        batch = _poll(
            lambda: _call(
                "status", lambda: client.batches.retrieve(state["batch_id"]), endpoint, model, llm
            ),
            wait,
        )
        counts = batch.request_counts
        if batch.status in _WAITING:
            done = f", {counts.completed}/{counts.total} requests done" if counts else ""
            result.lines.append(
                f"batch {batch.id} is {batch.status}{done}; run this again later "
                "(or pass --wait SECONDS)"
            )
            result.pending = True
            return result
        texts = []
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                content = _call("download", lambda f=file_id: client.files.content(f), endpoint,
                                model, llm)  # fmt: skip
                texts.append(content.text)
    finally:
        client.close()

    replies: dict[str, dict[str, Any]] = {}
    for text in texts:
        for raw in text.splitlines():
            try:
                line = json.loads(raw)
            except (ValueError, RecursionError):
                continue
            if isinstance(line, dict) and isinstance(line.get("custom_id"), str):
                replies[line["custom_id"]] = line
    corpus = load_corpus(state["corpus_dirs"])
    spec = state["job"]
    job = Job(out_dir, tuple(spec["formats"]), spec["show_sources"], spec["date"], spec["force"])
    price = price_for(model)
    manifest = Manifest(out_dir)
    followups: list[tuple[str, list[dict[str, str]]]] = []
    written = failed = 0
    try:
        for n, item in list(state["items"].items()):
            task = Task(**item["task"])
            line = replies.get(item["cid"])
            row: dict[str, Any] | None
            if line is None:
                status = "ended" if batch.status == "completed" else batch.status
                row = failed_row(task, f"no reply: the batch {status} without one")
            else:
                content, tokens_in, tokens_out, error = _reply(line)
                item["prompt_tokens"] += tokens_in
                item["completion_tokens"] += tokens_out
                row = _one(task, item, content, error, corpus, job, model, llm)
                if row is None:  # invalid, with attempts left: ask again in a follow-up
                    followups.append((item["cid"], item["messages"]))
                    continue
            row.update(
                digest=task.digest, name=task.name, prompt_tokens=item["prompt_tokens"],
                completion_tokens=item["completion_tokens"],
                fingerprint=state["fingerprints"].get(task.key, ""),
            )  # fmt: skip
            row["cost_usd"] = cost_of(row, price, BATCH_DISCOUNT)
            manifest.append(row)
            del state["items"][n]
            written += row["status"] == "ok"
            failed += row["status"] != "ok"
    finally:
        manifest.close()
        _save(out_dir, state)
    tokens_in = sum(int(r.get("prompt_tokens") or 0) for r in manifest.records.values())
    result.lines.append(
        f"batch {batch.id} {batch.status}: {written} postings written, {failed} failed"
        + (f", {len(followups)} to ask again" if followups else "")
    )
    if followups:
        state["round"] += 1
        state["batch_id"] = _send(out_dir, state, followups)
        _save(out_dir, state)
        result.lines.append(
            f"sent follow-up batch {state['batch_id']} with the problems of {len(followups)} "
            f"repl{'y' if len(followups) == 1 else 'ies'}; run `jdtailor batch status {out_dir}` "
            "again later"
        )
        result.pending = True
        return result
    state["done"] = True
    _save(out_dir, state)
    costs = [float(r["cost_usd"]) for r in manifest.records.values() if r.get("cost_usd")]
    tokens_out = sum(int(r.get("completion_tokens") or 0) for r in manifest.records.values())
    money = f"est. cost ~${sum(costs):.4f} at Batch API prices" if costs else "no price known"
    result.lines.append(
        f"usage: {tokens_in:,} prompt + {tokens_out:,} completion tokens; {money} ({model})"
    )
    return result


def _one(
    task: Task, item: dict[str, Any], content: str | None, error: str | None,
    corpus: Corpus, job: Job, model: str, llm: dict[str, Any],
) -> dict[str, Any] | None:  # fmt: skip
    """The row for one reply, or None when it goes into a follow-up batch."""
    from ..drafters import Draft, Trace
    from ..drafters.repair import collapse_problems
    from ..prompts import render
    from ..retrieval import retrieve
    from .work import failed_row, finish_item

    if error is not None or content is None:
        return failed_row(task, error or "no reply")
    try:
        ctx = CompanyContext.model_validate_json(task.ctx_json)
        retrieval = retrieve(ctx, corpus)
        posting, problems = _problems(content, ctx, retrieval)
        if not problems:
            trace = Trace(
                backend="openai-batch", model=model, attempts=item["attempt"],
                prompt_tokens=item["prompt_tokens"], completion_tokens=item["completion_tokens"],
                notes=list(retrieval.notes),
            )  # fmt: skip
            return finish_item(task, ctx, Draft(posting, trace), retrieval, job, corpus)
    except (JdtailorError, OSError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        return failed_row(task, message.splitlines()[0])
    if item["attempt"] >= llm["max_attempts"]:
        return failed_row(
            task,
            f"no usable posting in {item['attempt']} attempts; last problem: {problems[0]}",
        )
    item["attempt"] += 1
    item["messages"] = item["messages"] + [
        {"role": "assistant", "content": content},
        {"role": "user", "content": render("repair.j2", problems=collapse_problems(problems))},
    ]
    item["cid"] = f"{item['cid'].rsplit('-', 1)[0]}-{item['attempt']}"
    return None
