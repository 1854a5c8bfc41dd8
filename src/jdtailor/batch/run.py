"""Run a batch: plan names, skip what is done, draft the rest in parallel.

    items ──plan──▶ tasks (new or changed) + skipped (done, files present)
    tasks ──offline: worker processes (all cores) / model: threads (--concurrency)──▶ rows
    rows ──manifest.append (as each finishes)──▶ summary.csv, summary.json

Core code: progress goes to the ``on_row`` callback, never to a terminal.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..drafters import Drafter
from ..parallel import cores
from .inputs import BatchItem, Problem
from .manifest import MANIFEST, Manifest
from .work import EXTENSIONS, Job, Task, draft_item, slug

__all__ = ["Plan", "fingerprint", "plan_batch", "run_model", "run_offline"]

RESERVED = {MANIFEST, "summary.csv", "summary.json", "batch.json", "requests.jsonl"}
CHUNK = 8  # items per worker round trip: fewer pickles, still a lively progress bar

Row = dict[str, Any]
OnRow = Callable[[Row], None]


def fingerprint(*parts: object) -> str:
    """A short hash of what decides a posting besides its own context."""
    text = "\0".join(str(p) for p in (__version__, *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # keys already done
    order: list[str] = field(default_factory=list)  # every key, in input order
    problems: list[Problem] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)


def _base_name(item: BatchItem) -> str:
    company, role = item.ctx.company, item.ctx.role or "posting"
    return slug(f"{company} {role}" if company else role)


def plan_batch(
    items: Sequence[BatchItem],
    problems: Sequence[Problem],
    manifest: Manifest,
    job: Job,
    run_fingerprint: str,
) -> Plan:
    """Which items to draft and under which file names.

    A name, once given to an item, stays with it across runs (new names are
    recorded in the manifest here, before drafting). A new name never takes one
    of another item's files, nor (without ``--force``) a file the batch did not
    write; it gets ``-2``, ``-3`` ... instead.
    """
    plan = Plan(problems=list(problems))
    claims: list[dict[str, Any]] = []
    owned = manifest.names()
    taken = set(owned.values())
    ours = {f for r in manifest.records.values() for f in r.get("files", [])}
    exts = [EXTENSIONS[f] for f in job.formats]

    def free(name: str) -> bool:
        if name in taken or any(f"{name}.{e}" in RESERVED for e in exts):
            return False
        if job.force:
            return True
        return not any(
            f"{name}.{e}" not in ours and (job.out_dir / f"{name}.{e}").exists() for e in exts
        )

    positions = {p.key: p.pos for p in problems} | {i.key: i.pos for i in items}
    plan.order = sorted(positions, key=positions.__getitem__)
    for item in items:
        fp = hashlib.sha256(f"{item.digest}:{run_fingerprint}".encode()).hexdigest()[:16]
        plan.fingerprints[item.key] = fp
        if not job.force and manifest.done(item.key, fp, job.out_dir):
            plan.skipped.append(item.key)
            continue
        name = owned.get(item.key)
        if name is None:
            base = _base_name(item)
            name, n = base, 1
            while not free(name):
                n += 1
                name = f"{base}-{n}"
            taken.add(name)
            # Claimed before any drafting: a posting written just before a kill, but
            # not yet in the manifest, is still known as this item's on the next run.
            files = [f"{name}.{e}" for e in exts]
            claims.append({"key": item.key, "status": "pending", "name": name, "files": files})
        plan.tasks.append(Task(item.key, fp, item.ctx.model_dump_json(), name, replace=True))
    manifest.append(*claims)
    return plan


# ---------------------------------------------------------------- offline, in processes

_worker: dict[str, Any] = {}


def _init_worker(corpus_dirs: list[Path], job: Job, child: bool = False) -> None:
    if child:  # Ctrl-C is the parent's to handle: it lets the chunks in flight finish
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..corpus import load_corpus
    from ..drafters.offline import OfflineDrafter

    _worker.update(corpus=load_corpus(corpus_dirs), drafter=OfflineDrafter(), job=job)


def _work_chunk(tasks: list[Task]) -> list[Row]:
    return [draft_item(t, _worker["corpus"], _worker["drafter"], _worker["job"]) for t in tasks]


def _pool_context() -> Any:
    import multiprocessing

    # fork is cheapest (no re-import), but unsafe once threads exist.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_offline(
    tasks: Sequence[Task], job: Job, corpus_dirs: list[Path], *, workers: int | None = None
) -> Iterator[Row]:
    """Draft ``tasks`` offline; rows as they finish. Worker processes on all
    cores (``workers``), or in this process when there is little to do."""
    workers = workers or cores()
    if not tasks:
        return
    if workers == 1 or len(tasks) <= 2:
        _init_worker(corpus_dirs, job)
        for task in tasks:
            yield _work_chunk([task])[0]
        return
    chunks = [list(tasks[i : i + CHUNK]) for i in range(0, len(tasks), CHUNK)]
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(corpus_dirs, job, True),
    )
    try:
        # Keep a few chunks per worker in flight: memory stays flat however long the list.
        pending: set[Future[list[Row]]] = set()
        queue = iter(chunks)
        for chunk in queue:
            pending.add(pool.submit(_work_chunk, chunk))
            if len(pending) >= 3 * workers:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(pool.submit(_work_chunk, nxt))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- model, in threads


def run_model(
    tasks: Sequence[Task],
    job: Job,
    corpus: Any,
    make: Callable[[], Drafter],
    *,
    concurrency: int,
) -> tuple[Iterator[Row], list[Drafter]]:
    """Draft ``tasks`` with a model, ``concurrency`` requests at a time.

    Each thread has its own drafter from ``make`` (the usage of all of them is
    the batch's usage; the list is returned for that).
    """
    from concurrent.futures import ThreadPoolExecutor

    local = threading.local()
    drafters: list[Drafter] = []
    lock = threading.Lock()

    def one(task: Task) -> Row:
        drafter = getattr(local, "drafter", None)
        if drafter is None:
            drafter = local.drafter = make()
            with lock:
                drafters.append(drafter)
        return draft_item(task, corpus, drafter, job)

    def rows() -> Iterator[Row]:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            pending: set[Future[Row]] = set()
            queue = iter(tasks)
            for task in queue:
                pending.add(pool.submit(one, task))
                if len(pending) >= 2 * concurrency:
                    break
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
                        nxt = next(queue, None)
                        if nxt is not None:
                            pending.add(pool.submit(one, nxt))
            finally:
                for future in pending:
                    future.cancel()

    return rows(), drafters
