"""A job for the two-schedulers test: slow enough that the second scheduler
looks while the first still runs it. Imported only by that test's processes."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from almenhub.worker.scheduling import periodic


@periodic(every=timedelta(hours=1), name="test.slow")
def slow() -> str:
    with open(os.environ["SLOW_JOB_LOG"], "a") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(1.5)
    return "slow done"
