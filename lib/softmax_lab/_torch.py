"""Choosing a torch device, with errors that say what to use instead."""

from __future__ import annotations

from typing import Any

__all__ = ["resolve_device"]

ALTERNATIVES = "use device='auto' (CUDA when available, else the CPU) or device='cpu'"


def resolve_device(device: object = "auto") -> Any:
    """A ``torch.device`` that this machine can use: ``"auto"`` picks CUDA when available,
    else the CPU.

    A device that this build of torch or this machine lacks (``"cuda"`` on a CPU-only build,
    ``"cuda:3"`` with one GPU, ``"mps"`` off a Mac) is a ValueError naming ``device`` and the
    alternatives, raised here rather than deep inside the first tensor operation.

    Examples
    --------
    >>> str(resolve_device("cpu"))
    'cpu'
    """
    import torch

    if isinstance(device, torch.device):
        dev = device
    elif isinstance(device, str):
        if device == "auto":
            return torch.device("cuda" if torch.cuda.is_available() else "cpu")
        try:
            dev = torch.device(device)
        except RuntimeError as err:
            raise ValueError(f"device: {device!r} is not a device name ({err}); "
                             f"{ALTERNATIVES}") from None
    else:
        raise TypeError(f"device: expected 'auto', a device name or a torch.device, "
                        f"got {type(device).__name__}")
    _check_available(dev, torch)
    return dev


def _check_available(dev: Any, torch: Any) -> None:
    if dev.type == "cuda":
        if not torch.cuda.is_available():
            built = ("without CUDA" if torch.version.cuda is None
                     else "with CUDA, but no GPU is visible")
            raise ValueError(f"device: {str(dev)!r} was asked for, but this torch "
                             f"({torch.__version__}) is built {built}; {ALTERNATIVES}")
        count = torch.cuda.device_count()
        if dev.index is not None and dev.index >= count:
            raise ValueError(f"device: {str(dev)!r} was asked for, but this machine has "
                             f"{count} CUDA device(s) (cuda:0..cuda:{count - 1}); {ALTERNATIVES}")
        return
    if dev.type == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise ValueError(f"device: 'mps' (Apple's GPU) is not available on this machine; "
                             f"{ALTERNATIVES}")
        return
    if dev.type != "cpu":
        try:
            torch.empty(0, device=dev)
        except (RuntimeError, AssertionError) as err:
            raise ValueError(f"device: {str(dev)!r} is not usable here ({err}); "
                             f"{ALTERNATIVES}") from None
