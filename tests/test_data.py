"""Data sets: toy images, digits, and the Fashion-MNIST download (with a fake downloader)."""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from softmax_lab import load_digits, load_fashion_mnist, make_toy_images
from softmax_lab.data import (
    FASHION_MNIST_CLASSES,
    FASHION_MNIST_FILES,
    TOY_PROTOTYPES,
    Dataset,
    default_cache_dir,
    read_idx,
    resolve_device,
)

# --- toy images -------------------------------------------------------------------------


def test_toy_images_are_reproducible_from_the_seed():
    a, b, c = make_toy_images(30, seed=3), make_toy_images(30, seed=3), make_toy_images(30, 4)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    assert not np.array_equal(a.X_train, c.X_train)


def test_toy_images_are_prototypes_plus_noise_in_unit_range():
    toy = make_toy_images(3000, seed=0, noise=0.1)
    assert toy.X_train.min() >= 0 and toy.X_train.max() <= 1
    for k in range(3):
        mean = toy.X_train[toy.y_train == k].mean(axis=0)
        np.testing.assert_allclose(mean, TOY_PROTOTYPES[k], atol=0.03)
    assert np.bincount(toy.y_train).tolist() == [1000, 1000, 1000]


def test_toy_images_without_noise_are_exactly_the_prototypes():
    toy = make_toy_images(6, noise=0.0)
    np.testing.assert_array_equal(toy.X_train, TOY_PROTOTYPES[toy.y_train])


@pytest.mark.parametrize(("kwargs", "error", "name"), [
    ({"n": 0}, ValueError, "n:"),
    ({"n": 2.5}, TypeError, "n:"),
    ({"n": 5, "noise": -1.0}, ValueError, "noise:"),
    ({"n": 5, "n_test": -1}, ValueError, "n_test:"),
])
def test_toy_images_reject_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=f"^{name}"):
        make_toy_images(**kwargs)


# --- digits -----------------------------------------------------------------------------


def test_digits_split_is_fixed_by_the_seed_and_stratified():
    a, b, c = load_digits(seed=0), load_digits(seed=0), load_digits(seed=1)
    np.testing.assert_array_equal(a.X_test, b.X_test)
    assert not np.array_equal(a.y_test, c.y_test)
    assert len(a.y_train) + len(a.y_test) == 1797
    # stratified: each class's share of the test set is within one example of its share overall
    share = np.bincount(a.y_test, minlength=10) / len(a.y_test)
    overall = np.bincount(np.concatenate([a.y_train, a.y_test])) / 1797
    assert np.abs(share - overall).max() < 1.5 / len(a.y_test) + 1e-9


def test_digits_features_are_scaled_to_the_unit_interval():
    d = load_digits()
    assert d.X_train.min() == 0.0 and d.X_train.max() == 1.0
    assert d.class_names == tuple("0123456789") and d.image_shape == (8, 8)


def test_all_loaders_return_one_shape(tmp_path):
    fashion = load_fashion_mnist(download=True, cache_dir=tmp_path, **_fake_server())
    for data in (make_toy_images(20), load_digits(), fashion):
        assert isinstance(data, Dataset)
        assert data.X_train.dtype == np.float32 and data.X_test.dtype == np.float32
        assert data.y_train.dtype == np.int64 and data.y_test.dtype == np.int64
        assert data.X_train.ndim == 2 and data.X_train.shape[1] == data.X_test.shape[1]
        assert len(data.X_train) == len(data.y_train) and len(data.X_test) == len(data.y_test)
        assert data.y_train.max() < len(data.class_names)
        assert {"epochs", "lr", "batch_size"} <= set(data.recipe)


def test_to_torch_moves_arrays_to_the_device():
    torch = pytest.importorskip("torch")
    t = make_toy_images(9).to_torch("cpu")
    assert t["X_train"].device == torch.device("cpu")
    assert t["X_train"].dtype == torch.float32 and t["y_test"].dtype == torch.int64
    np.testing.assert_array_equal(t["X_train"].numpy(), make_toy_images(9).X_train)


def test_auto_device_is_cuda_only_when_available(monkeypatch):
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto").type == "cpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto").type == "cuda"
    with pytest.raises(ValueError, match="^device:"):
        resolve_device("no-such-device")


# --- IDX files and Fashion-MNIST ------------------------------------------------------------


def _idx(array: np.ndarray) -> bytes:
    """An IDX file of unsigned bytes, written the way the MNIST format describes it."""
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def _fake_files(n_train: int = 12, n_test: int = 5) -> dict[str, bytes]:
    rng = np.random.default_rng(7)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (n_train, 28, 28)),
        "train-labels-idx1-ubyte.gz": np.arange(n_train) % 10,
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (n_test, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": (np.arange(n_test) * 3) % 10,
    }
    return {name: gzip.compress(_idx(a), mtime=0) for name, a in arrays.items()}


def _fake_server(files: dict[str, bytes] | None = None, corrupt: bool = False) -> dict:
    """Keyword arguments for load_fashion_mnist: a fake downloader and matching checksums."""
    files = _fake_files() if files is None else files
    checksums = {name: hashlib.md5(data).hexdigest() for name, data in files.items()}
    calls: list[str] = []

    def downloader(url: str, destination: Path) -> None:
        calls.append(url)
        data = files[url.rsplit("/", 1)[1]]
        destination.write_bytes(data[: len(data) // 2] if corrupt else data)

    downloader.calls = calls  # type: ignore[attr-defined]
    return {"downloader": downloader, "checksums": checksums}


def test_read_idx_reads_what_the_format_describes(tmp_path):
    a = np.arange(24).reshape(2, 3, 4)
    (tmp_path / "a.idx").write_bytes(_idx(a))
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(_idx(a)))
    np.testing.assert_array_equal(read_idx(tmp_path / "a.idx"), a)
    np.testing.assert_array_equal(read_idx(tmp_path / "a.idx.gz"), a)


def test_read_idx_rejects_truncated_and_foreign_files(tmp_path):
    (tmp_path / "short.idx").write_bytes(_idx(np.zeros((4, 4)))[:-3])
    (tmp_path / "png.idx").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError, match="^path: .*truncated"):
        read_idx(tmp_path / "short.idx")
    with pytest.raises(ValueError, match="^path: .*magic"):
        read_idx(tmp_path / "png.idx")


def test_fashion_mnist_downloads_verifies_parses_and_caches(tmp_path):
    server = _fake_server()
    data = load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    assert data.X_train.shape == (12, 784) and data.X_test.shape == (5, 784)
    assert 0 <= data.X_train.min() and data.X_train.max() <= 1
    assert data.y_train.tolist() == [k % 10 for k in range(12)]
    assert data.class_names == FASHION_MNIST_CLASSES and data.image_shape == (28, 28)
    assert len(server["downloader"].calls) == 4
    # A second load reads the verified cache and never calls the downloader.
    again = load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    assert len(server["downloader"].calls) == 4
    np.testing.assert_array_equal(again.X_test, data.X_test)
    assert sorted(p.name for p in (tmp_path / "fashion-mnist").iterdir()) == sorted(
        FASHION_MNIST_FILES)


def test_fashion_mnist_rejects_bad_checksum(tmp_path):
    server = _fake_server(corrupt=True)
    with pytest.raises(ValueError, match="^checksums: .*MD5"):
        load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    assert list((tmp_path / "fashion-mnist").iterdir()) == []  # nothing left to trust later


def test_interrupted_download_leaves_no_file_that_is_trusted(tmp_path):
    files = _fake_files()

    def dies_halfway(url: str, destination: Path) -> None:
        data = files[url.rsplit("/", 1)[1]]
        destination.write_bytes(data[:100])
        raise ConnectionResetError("connection reset by peer")

    checksums = _fake_server(files)["checksums"]
    with pytest.raises(ConnectionError, match="^download:"):
        load_fashion_mnist(download=True, cache_dir=tmp_path, downloader=dies_halfway,
                           checksums=checksums)
    assert list((tmp_path / "fashion-mnist").iterdir()) == []
    with pytest.raises(FileNotFoundError):
        load_fashion_mnist(cache_dir=tmp_path, checksums=checksums)


def test_fashion_mnist_offline_error_says_how_to_use_digits(tmp_path):
    def offline(url: str, destination: Path) -> None:
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    with pytest.raises(ConnectionError, match="load_digits"):
        load_fashion_mnist(download=True, cache_dir=tmp_path, downloader=offline)


def test_fashion_mnist_is_opt_in(tmp_path):
    def must_not_run(url: str, destination: Path) -> None:
        raise AssertionError("downloaded without download=True")

    with pytest.raises(FileNotFoundError, match=r"download=True.*load_digits"):
        load_fashion_mnist(cache_dir=tmp_path, downloader=must_not_run)


def test_corrupted_cached_file_is_not_trusted(tmp_path):
    server = _fake_server()
    load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    victim = tmp_path / "fashion-mnist" / "t10k-labels-idx1-ubyte.gz"
    victim.write_bytes(b"garbage")
    with pytest.raises(ValueError, match="^checksums: cached file"):
        load_fashion_mnist(cache_dir=tmp_path, checksums=server["checksums"])
    repaired = load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    assert len(repaired.y_test) == 5 and len(server["downloader"].calls) == 5


def test_official_checksum_table_lists_the_four_files_with_md5s():
    assert sorted(FASHION_MNIST_FILES) == sorted([
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
    assert all(re.fullmatch(r"[0-9a-f]{32}", md5) for md5 in FASHION_MNIST_FILES.values())
    assert len(set(FASHION_MNIST_FILES.values())) == 4


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOFTMAX_LAB_DATA", str(tmp_path / "data"))
    assert default_cache_dir() == tmp_path / "data"
    monkeypatch.delenv("SOFTMAX_LAB_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "softmax_lab"


def test_fashion_mnist_pixels_are_scaled_by_exactly_1_over_255(tmp_path):
    images = np.zeros((3, 28, 28), dtype=np.uint8)
    images[0, 0, :4] = [0, 51, 128, 255]
    files = _fake_files(n_test=3)
    files["t10k-images-idx3-ubyte.gz"] = gzip.compress(_idx(images), mtime=0)
    data = load_fashion_mnist(download=True, cache_dir=tmp_path, **_fake_server(files))
    np.testing.assert_array_equal(data.X_test[0, :4],
                                  np.array([0, 51, 128, 255], np.float32) / np.float32(255))
    assert data.X_test[0, 1] == np.float32(0.2) and data.X_test[0, 3] == 1.0
    assert data.X_test.dtype == np.float32


@pytest.mark.parametrize("victim", sorted(FASHION_MNIST_FILES))
def test_one_flipped_byte_in_any_file_fails_its_checksum(tmp_path, victim):
    server = _fake_server()
    load_fashion_mnist(download=True, cache_dir=tmp_path, **server)
    path = tmp_path / "fashion-mnist" / victim
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=f"^checksums: cached file .*{victim}"):
        load_fashion_mnist(cache_dir=tmp_path, checksums=server["checksums"])


def test_load_digits_explains_a_test_fraction_given_as_the_seed():
    with pytest.raises(TypeError, match=r"^seed: expected an int, got float 0.2.*test_size=0.2"):
        load_digits(0.2)
    with pytest.raises(ValueError, match="^seed: must be >= 0"):
        load_digits(-1)
    with pytest.raises(ValueError, match="^test_size: must be a fraction in"):
        load_digits(test_size=1.0)
    assert len(load_digits(np.int64(1), test_size=0.5).y_test) == 899


def test_the_downloader_must_be_a_function(tmp_path):
    with pytest.raises(TypeError, match="^downloader: expected a function, got str"):
        load_fashion_mnist(download=True, cache_dir=tmp_path, downloader="https://example.org")
    assert not (tmp_path / "fashion-mnist").exists()


@pytest.mark.parametrize("cache_dir", [123, b"/tmp", ["data"]])
def test_cache_dir_must_be_a_path(cache_dir):
    with pytest.raises(TypeError, match="^cache_dir: expected a folder path"):
        load_fashion_mnist(cache_dir=cache_dir)


def test_a_read_only_cache_names_cache_dir_and_the_environment_variable(tmp_path, monkeypatch):
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OSError, match="^cache_dir: cannot write to .*SOFTMAX_LAB_DATA") as info:
        load_fashion_mnist(download=True, cache_dir=tmp_path, **_fake_server())
    assert info.value.errno == errno.EROFS


def test_a_file_where_the_cache_folder_should_be_is_an_error_naming_cache_dir(tmp_path):
    (tmp_path / "blocker").write_text("not a folder")
    with pytest.raises(OSError, match="^cache_dir: cannot write to"):
        load_fashion_mnist(download=True, cache_dir=tmp_path / "blocker" / "sub",
                           **_fake_server())
