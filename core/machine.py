"""What the benchmarks and the multi-process tests ask of this machine: a free port, a process's memory."""

import socket
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def resident_mb(pid: int | str = "self") -> float:
    """A process's resident memory now (VmRSS), in MB: this process's unless `pid` is given."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
