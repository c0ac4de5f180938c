"""Choosing a torch device: errors that name ``device`` and say what to use instead."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from softmax_lab import fit_torch, make_toy_images  # noqa: E402
from softmax_lab._torch import resolve_device  # noqa: E402


def test_cpu_and_auto_resolve_to_usable_devices(monkeypatch):
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device(torch.device("cpu")) == torch.device("cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == torch.device("cpu")


@pytest.mark.parametrize("device", ["cuda", "cuda:0", torch.device("cuda")])
def test_cuda_without_cuda_names_device_and_the_alternatives(monkeypatch, device):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match=r"^device: 'cuda(:0)?' was asked for.*'auto'.*'cpu'"):
        resolve_device(device)


def test_a_gpu_index_beyond_the_machine_names_how_many_there_are(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(ValueError, match=r"^device: 'cuda:3' .* 1 CUDA device\(s\)"):
        resolve_device("cuda:3")


def test_mps_off_a_mac_names_device(monkeypatch):
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    with pytest.raises(ValueError, match=r"^device: 'mps' .*not available.*'cpu'"):
        resolve_device("mps")


@pytest.mark.parametrize(("device", "error"), [("gpu", ValueError), ("meta:x", ValueError),
                                               (3, TypeError), (None, TypeError)])
def test_names_that_are_not_devices(device, error):
    with pytest.raises(error, match="^device:"):
        resolve_device(device)


def test_fit_torch_reports_a_missing_device_before_training(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    toy = make_toy_images(12)
    with pytest.raises(ValueError, match="^device: 'cuda'"):
        fit_torch(toy.X_train, toy.y_train, device="cuda")


def test_the_old_import_path_still_resolves_devices():
    from softmax_lab.data import resolve_device as old

    assert old is resolve_device
    assert np.all(np.asarray(old("cpu").type == "cpu"))
