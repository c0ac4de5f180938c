"""Data sets for the book: toy 2×2 images, scikit-learn's digits, and Fashion-MNIST.

Every loader returns a :class:`Dataset` of the same shape: float32 features ``X_train``,
``X_test`` (one row per example, values in [0, 1]), int64 labels ``y_train``, ``y_test`` and
the ``class_names``. Digits ships with scikit-learn, so it works offline and is the default;
Fashion-MNIST is an opt-in download, checked against its published checksums and cached.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._checks import check_bool, check_dir, check_function, check_int, check_real, check_seed
from ._torch import resolve_device

__all__ = [
    "FASHION_MNIST_CLASSES",
    "FASHION_MNIST_FILES",
    "FASHION_MNIST_MIRRORS",
    "TOY_CLASSES",
    "TOY_PROTOTYPES",
    "Dataset",
    "default_cache_dir",
    "load_digits",
    "load_fashion_mnist",
    "make_toy_images",
    "read_idx",
    "resolve_device",
    "to_torch",
]


@dataclass(frozen=True, eq=False)  # arrays have no single truth value to compare
class Dataset:
    """A train/test split with class names, as NumPy arrays.

    Attributes
    ----------
    X_train, X_test : ndarray of float32, shape (n, d)
        One flattened example per row.
    y_train, y_test : ndarray of int64, shape (n,)
        Class labels in ``[0, len(class_names))``.
    class_names : tuple of str
    name : str
        Short name of the data set.
    image_shape : tuple of int or None
        Shape to reshape a row into for display (``(8, 8)`` for digits).
    recipe : dict
        Training settings the book uses for this data set; pass them on with
        ``fit_numpy(..., **data.recipe)``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    name: str = "data"
    image_shape: tuple[int, ...] | None = None
    recipe: dict[str, Any] = field(default_factory=dict)

    @property
    def num_features(self) -> int:
        """:math:`d`, the number of inputs per example."""
        return int(self.X_train.shape[1])

    @property
    def num_classes(self) -> int:
        """:math:`q`, the number of classes."""
        return len(self.class_names)

    def to_torch(self, device: str = "auto") -> dict[str, Any]:
        """The four arrays as torch tensors on ``device``; see :func:`to_torch`."""
        return to_torch(self, device)

    def __repr__(self) -> str:
        return (
            f"Dataset({self.name!r}: {len(self.y_train)} train / {len(self.y_test)} test, "
            f"{self.num_features} features, {self.num_classes} classes)"
        )


def to_torch(data: Dataset, device: str = "auto") -> dict[str, Any]:
    """Move a :class:`Dataset`'s arrays to torch tensors on one device.

    Returns a dict with ``X_train, y_train, X_test, y_test`` (float32 and int64 tensors).

    Examples
    --------
    >>> t = to_torch(make_toy_images(6), device="cpu")
    >>> t["X_train"].dtype, t["y_train"].dtype
    (torch.float32, torch.int64)
    """
    import torch

    if not isinstance(data, Dataset):
        raise TypeError(f"data: expected a softmax_lab Dataset, got {type(data).__name__}")
    dev = resolve_device(device)
    return {
        key: torch.as_tensor(getattr(data, key)).to(dev)
        for key in ("X_train", "y_train", "X_test", "y_test")
    }


# ---------------------------------------------------------------------------------------
# Toy 2×2 images (§3.4.1)

TOY_CLASSES = ("cat", "chicken", "dog")

#: Class prototypes of the toy images, pixels ``(x1, x2, x3, x4)`` = top-left, top-right,
#: bottom-left, bottom-right, 0 = black, 1 = white. A cat is bright on top (ears), a
#: chicken bright in the right column, a dog bright on the main diagonal.
TOY_PROTOTYPES = np.array(
    [
        [0.9, 0.9, 0.1, 0.1],  # cat
        [0.1, 0.9, 0.1, 0.9],  # chicken
        [0.9, 0.1, 0.1, 0.9],  # dog
    ],
    dtype=np.float32,
)


def make_toy_images(n: int, seed: int = 0, *, noise: float = 0.15,
                    n_test: int | None = None) -> Dataset:
    r"""Seeded grayscale 2×2 images of cats, chickens and dogs.

    Each image is its class prototype (:data:`TOY_PROTOTYPES`) plus Gaussian noise, clipped
    to [0, 1]:

    .. math::

        \mathbf{x} = \operatorname{clip}\big(\mathbf{m}_y + \sigma \boldsymbol{\epsilon},
            0, 1\big), \qquad \boldsymbol{\epsilon} \sim \mathcal{N}(0, I_4)

    Parameters
    ----------
    n : int
        Number of training images (classes are balanced to within one image).
    seed : int
        Seed of the generator; the same seed gives the same images.
    noise : float
        :math:`\sigma \ge 0`. At the default 0.15 the classes barely overlap.
    n_test : int, optional
        Number of test images; default ``max(n // 4, 3)``.

    Examples
    --------
    >>> toy = make_toy_images(9, seed=1)
    >>> toy.X_train.shape, toy.class_names
    ((9, 4), ('cat', 'chicken', 'dog'))
    >>> make_toy_images(4, noise=0.0).X_train[:2]
    array([[0.9, 0.9, 0.1, 0.1],
           [0.1, 0.9, 0.1, 0.9]], dtype=float32)
    """
    n = check_int(n, "n", minimum=1)
    n_test = max(n // 4, 3) if n_test is None else check_int(n_test, "n_test", minimum=0)
    noise = check_real(noise, "noise", minimum=0)
    rng = np.random.default_rng(check_seed(seed))
    X_train, y_train = _toy_split(n, noise, rng, shuffle=noise > 0)
    X_test, y_test = _toy_split(n_test, noise, rng, shuffle=noise > 0)
    return Dataset(X_train, y_train, X_test, y_test, TOY_CLASSES, name="toy 2x2 images",
                   image_shape=(2, 2), recipe={"epochs": 20, "lr": 0.5, "batch_size": 16})


def _toy_split(n: int, noise: float, rng: np.random.Generator,
               shuffle: bool) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n, dtype=np.int64) % len(TOY_CLASSES)
    if shuffle:
        y = rng.permutation(y)
    X = TOY_PROTOTYPES[y] + noise * rng.standard_normal((n, 4)).astype(np.float32)
    return np.clip(X, 0.0, 1.0, dtype=np.float32), y


# ---------------------------------------------------------------------------------------
# scikit-learn's digits (offline default)

DIGIT_CLASSES = tuple(str(k) for k in range(10))


def load_digits(seed: int = 0, *, test_size: float = 0.25) -> Dataset:
    """The 1797 8×8 handwritten digits bundled with scikit-learn, split and scaled.

    Pixel values 0..16 are divided by 16, so features lie in [0, 1]. The split is
    stratified and fixed by ``seed``.

    Parameters
    ----------
    seed : int
        Seed of the train/test split.
    test_size : float
        Fraction of examples held out for testing, in (0, 1).

    Examples
    --------
    >>> digits = load_digits()
    >>> digits.X_train.shape, digits.X_test.shape, digits.X_train.dtype
    ((1347, 64), (450, 64), dtype('float32'))
    >>> float(digits.X_train.max())
    1.0
    """
    from sklearn.datasets import load_digits as _sk_load_digits
    from sklearn.model_selection import train_test_split

    if isinstance(seed, float):  # load_digits(0.2): a test fraction given as the seed
        raise TypeError(f"seed: expected an int, got float {seed!r}; to hold out a fraction "
                        f"of the examples, pass test_size={seed!r}")
    seed = check_seed(seed)
    test_size = check_real(test_size, "test_size", positive=True)
    if not test_size < 1:
        raise ValueError(f"test_size: must be a fraction in (0, 1), got {test_size!r}")
    raw = _sk_load_digits()
    X = (raw.data / 16.0).astype(np.float32)
    y = raw.target.astype(np.int64)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=seed, stratify=y
    )
    return Dataset(
        np.ascontiguousarray(X_train), y_train, np.ascontiguousarray(X_test), y_test,
        DIGIT_CLASSES, name="digits", image_shape=(8, 8),
        recipe={"epochs": 30, "lr": 0.5, "batch_size": 32},
    )


# ---------------------------------------------------------------------------------------
# Fashion-MNIST (opt-in download)

FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

#: The four official files and their MD5 checksums, as published in the README of
#: github.com/zalandoresearch/fashion-mnist (the project publishes MD5, not SHA-256).
#: MD5 guards here against truncated or corrupted downloads, not against an attacker.
FASHION_MNIST_FILES: dict[str, str] = {
    "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
    "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
    "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
}

#: Where the files are fetched from, in order (the project's GitHub repository over HTTPS,
#: then the project's own download site).
FASHION_MNIST_MIRRORS = (
    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
)

Downloader = Callable[[str, Path], None]


def default_cache_dir() -> Path:
    """Where downloads are cached: ``$SOFTMAX_LAB_DATA`` if set, else
    ``$XDG_CACHE_HOME/softmax_lab`` (``~/.cache/softmax_lab`` by default)."""
    explicit = os.environ.get("SOFTMAX_LAB_DATA")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "softmax_lab"


def load_fashion_mnist(*, download: bool = False, cache_dir: str | os.PathLike | None = None,
                       downloader: Downloader | None = None,
                       checksums: Mapping[str, str] | None = None) -> Dataset:
    """Zalando's Fashion-MNIST: 60000 training and 10000 test images, 28×28, ten classes.

    The four IDX files are read from ``cache_dir/fashion-mnist``. Missing files are fetched
    only when ``download=True``. Every file is checked against its MD5 on every load; a
    download goes to a temporary file that is renamed into place only after its checksum
    matches, so an interrupted or corrupted download never leaves a file that is trusted.

    Parameters
    ----------
    download : bool
        Fetch missing (or corrupted) files from :data:`FASHION_MNIST_MIRRORS`.
    cache_dir : path, optional
        Default :func:`default_cache_dir`.
    downloader : callable, optional
        ``downloader(url, destination)`` writes the bytes at ``url`` to ``destination``
        (default: ``urllib``). Tests pass a fake one.
    checksums : mapping, optional
        File name to MD5; default :data:`FASHION_MNIST_FILES`.

    Returns
    -------
    Dataset
        Pixels scaled to [0, 1] as float32 rows of 784 values, ``image_shape=(28, 28)``.

    Raises
    ------
    FileNotFoundError
        A file is missing and ``download`` is False.
    ConnectionError
        A download failed (offline?); the message says how to use digits instead.
    ValueError
        A file does not match its checksum or is not a valid IDX file.
    """
    download = check_bool(download, "download")
    table = dict(FASHION_MNIST_FILES if checksums is None else checksums)
    if set(table) != set(FASHION_MNIST_FILES):
        raise ValueError(f"checksums: must name exactly the files {sorted(FASHION_MNIST_FILES)}")
    if downloader is not None:
        check_function(downloader, "downloader")  # called as downloader(url, destination)
    folder = default_cache_dir() if cache_dir is None else check_dir(cache_dir, "cache_dir")
    root = folder / "fashion-mnist"
    fetch = _urllib_download if downloader is None else downloader
    paths = {name: _cached_file(root, name, md5, download, fetch) for name, md5 in table.items()}
    X_train = _images(read_idx(paths["train-images-idx3-ubyte.gz"]), "train-images")
    y_train = _labels(read_idx(paths["train-labels-idx1-ubyte.gz"]), len(X_train), "train-labels")
    X_test = _images(read_idx(paths["t10k-images-idx3-ubyte.gz"]), "t10k-images")
    y_test = _labels(read_idx(paths["t10k-labels-idx1-ubyte.gz"]), len(X_test), "t10k-labels")
    return Dataset(X_train, y_train, X_test, y_test, FASHION_MNIST_CLASSES,
                   name="fashion-mnist", image_shape=(28, 28),
                   recipe={"epochs": 10, "lr": 0.1, "batch_size": 256})


def _offline_hint(root: Path) -> str:
    return (
        "To work offline, use softmax_lab.load_digits() (bundled with scikit-learn) instead, "
        f"or copy the four Fashion-MNIST .gz files into {root}."
    )


def _cached_file(root: Path, name: str, md5: str, download: bool,
                 fetch: Downloader) -> Path:
    path = root / name
    if path.exists():
        found = _md5(path)
        if found == md5:
            return path
        if not download:
            raise ValueError(
                f"checksums: cached file {path} has MD5 {found}, expected {md5} (corrupted or "
                "a different version); delete it or call load_fashion_mnist(download=True)"
            )
    elif not download:
        raise FileNotFoundError(
            f"download: Fashion-MNIST file {name} is not in {root}; call "
            f"load_fashion_mnist(download=True) to fetch it (about 30 MB). " + _offline_hint(root)
        )
    errors = []
    for base in FASHION_MNIST_MIRRORS:
        url = base + name
        tmp = _temporary_file(root, name)
        try:
            fetch(url, tmp)
            found = _md5(tmp)
            if found != md5:
                raise ValueError(
                    f"checksums: download of {url} has MD5 {found}, expected {md5}; the "
                    "file was discarded"
                )
            os.replace(tmp, path)  # atomic: readers see the old state or the verified file
            return path
        except (OSError, ValueError) as err:
            errors.append(err)
        finally:
            tmp.unlink(missing_ok=True)
    if all(isinstance(err, ValueError) for err in errors):
        raise errors[-1]
    raise ConnectionError(
        f"download: could not fetch {name} from any mirror "
        f"({'; '.join(str(e) for e in errors)}). " + _offline_hint(root)
    )


def _temporary_file(root: Path, name: str) -> Path:
    """An empty file next to where ``name`` will go; a clear error if the cache is read-only."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=root)
    except OSError as err:
        problem = type(err)(
            f"cache_dir: cannot write to {root} ({err.strerror or err}); pass "
            "load_fashion_mnist(cache_dir=...) a writable folder, or point the SOFTMAX_LAB_DATA "
            "environment variable at one"
        )
        problem.errno = err.errno  # (no strerror: str() would then drop the message)
        raise problem from None
    os.close(fd)
    return Path(tmp_name)


def _urllib_download(url: str, destination: Path) -> None:
    with urllib.request.urlopen(url, timeout=60) as response, open(destination, "wb") as out:
        shutil.copyfileobj(response, out, length=1 << 20)


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_IDX_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (the MNIST format), gzip-compressed or not.

    The header is two zero bytes, a type code (``0x08`` = unsigned byte), the number of
    dimensions, then each dimension as a big-endian 32-bit integer; the values follow.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.idx"
    >>> _ = p.write_bytes(bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3]) + bytes(range(6)))
    >>> read_idx(p)
    array([[0, 1, 2],
           [3, 4, 5]], dtype=uint8)
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as err:
        raise ValueError(f"path: cannot read {path.name} as an IDX file ({err})") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_DTYPES:
        raise ValueError(f"path: {path.name} is not an IDX file (bad magic number)")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"path: {path.name} is truncated (incomplete IDX header)")
    shape = tuple(int(s) for s in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    dtype = np.dtype(_IDX_DTYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise ValueError(
            f"path: {path.name} holds {len(raw) - header} data bytes, its header promises "
            f"{expected} (truncated or corrupted)"
        )
    values = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    return values.astype(dtype.newbyteorder("="))  # native byte order, writable copy


def _images(raw: np.ndarray, what: str) -> np.ndarray:
    if raw.ndim != 3 or raw.dtype != np.uint8:
        raise ValueError(f"path: {what} must be a 3-d uint8 IDX array, got shape {raw.shape}")
    X = np.empty((raw.shape[0], raw.shape[1] * raw.shape[2]), dtype=np.float32)
    np.divide(raw.reshape(len(raw), -1), np.float32(255.0), out=X)
    return X


def _labels(raw: np.ndarray, n: int, what: str) -> np.ndarray:
    if raw.ndim != 1 or len(raw) != n:
        raise ValueError(f"path: {what} must hold {n} labels, got shape {raw.shape}")
    if raw.size and int(raw.max()) >= len(FASHION_MNIST_CLASSES):
        raise ValueError(f"path: {what} has a label >= {len(FASHION_MNIST_CLASSES)}")
    return raw.astype(np.int64)
