"""The spool of a batch's results behaves as the list of them would: len, indexing, iteration and slices."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator

import pytest

from perfxl.batch.packed import Packed
from perfxl.batch.spool import SpooledFiles
from perfxl.errors import ErrorCode, InputError
from perfxl.report.digest import Digest, counts_of, digests_of
from perfxl.report.findings import Code, Finding
from perfxl.report.results import FileError, FileResult, Report


def _flag(severity: str) -> Finding:
    return Finding(Code.RATE_MISMATCH, severity, "附件4", "D7", "三公经费变动率", "10%", -10.0, "比率与数据不符")  # type: ignore[arg-type]


def _results() -> list[FileResult]:
    """Five results made by hand: three scored with 2, 0 and 1 findings, two that could not be read."""
    unreadable = FileError(InputError, ErrorCode.EMPTY_FILE, "文件为空", file="丁.xlsx")
    return [
        FileResult("甲.xlsx", unit="甲局", total=90.0, flags=[_flag("error"), _flag("warning")]),
        FileResult("乙.xlsx", unit="乙局", total=100.0),
        FileResult("丙.xlsx", status="error", error=FileError(InputError, ErrorCode.NOT_EXCEL, "不是 Excel 工作簿")),
        FileResult("丁.xlsx", status="error", error=unreadable, notes=["扩展名与内容不符"]),
        FileResult("戊.xlsx", unit="戊局", total=85.5, flags=[_flag("info")]),
    ]


def _pack(result: FileResult, rows: bytes = b"rows", keep: bool = True) -> Packed:
    data = pickle.dumps(result) if keep else b""
    return Packed(Digest.of(result, -1), data, rows)


@pytest.fixture(params=[True, False], ids=["pread", "seek"])
def spool(request: pytest.FixtureRequest) -> Iterator[SpooledFiles]:
    files = SpooledFiles(pread=request.param)
    for result in _results():
        files.append(_pack(result, rows=result.file.encode()))
    yield files
    files.close()


def test_len_indexing_and_iteration_as_a_list(spool: SpooledFiles) -> None:
    results = _results()
    assert len(spool) == 5
    assert spool[0] == results[0] and spool[4] == results[4]
    assert spool[-1] == results[4] and spool[-5] == results[0]
    assert list(spool) == results
    assert list(reversed(spool)) == results[::-1]
    assert results[3] in spool and spool.index(results[3]) == 3 and spool.count(results[1]) == 1
    for index in (5, -6):
        with pytest.raises(IndexError):
            spool[index]


@pytest.mark.parametrize("cut", [slice(1, 3), slice(None, None, 2), slice(-2, None), slice(3, 1), slice(4, 99)])
def test_a_slice_is_the_list_a_list_would_give(spool: SpooledFiles, cut: slice) -> None:
    assert spool[cut] == _results()[cut]


def test_reads_and_appends_interleave(spool: SpooledFiles) -> None:
    extra = FileResult("己.xlsx", total=60.0)
    assert spool[1] == _results()[1]  # a read moves the file's position where reads use seek
    spool.append(_pack(extra, rows=b"last"))
    assert spool[5] == extra and spool.rows(5) == b"last" and spool.rows(0) == "甲.xlsx".encode()


def test_the_digests_know_each_result_and_the_rows_lie_beside_it(spool: SpooledFiles) -> None:
    first, failed = spool.digests[0], spool.digests[3]
    assert (first.index, first.file, first.status, first.unit, first.total) == (0, "甲.xlsx", "ok", "甲局", 90.0)
    assert first.severities == (("error", 1), ("warning", 1)) and first.n_flags == 2 and first.count("info") == 0
    assert [spool.rows(i) for i in range(5)] == [r.file.encode() for r in _results()]  # each its own, in order
    assert (failed.status, failed.error, failed.notes) == (
        "error",
        FileError(InputError, ErrorCode.EMPTY_FILE, "文件为空", file="丁.xlsx"),
        ("扩展名与内容不符",),
    )


def test_counts_come_from_the_digests_and_agree_with_the_results(spool: SpooledFiles) -> None:
    assert spool.counts() == Counter({"error": 1, "warning": 1, "info": 1})
    assert counts_of(spool) == Report(_results(), "yiyang-2020").counts() == counts_of(_results())
    assert digests_of(spool) is spool.digests
    assert list(digests_of(_results())) == [Digest.of(r, i) for i, r in enumerate(_results())]


def test_a_spool_without_results_keeps_digests_and_rows() -> None:
    spool = SpooledFiles()
    try:
        for result in _results():
            spool.append(_pack(result, keep=False))
        assert len(spool) == 5 and spool.digests[2].error == _results()[2].error and spool.rows(2) == b"rows"
        with pytest.raises(RuntimeError, match="kept no results"):
            spool[0]
    finally:
        spool.close()


def test_close_frees_the_file(spool: SpooledFiles) -> None:
    assert not spool.closed
    spool.close()
    assert spool.closed
    spool.close()  # twice is harmless


def test_a_file_error_read_back_is_the_same_error() -> None:
    error = FileError(InputError, ErrorCode.EMPTY_FILE, "文件为空", file="丁.xlsx", sheet="附件4", cell="B5")
    assert pickle.loads(pickle.dumps(error)) == error
    assert str(error) == "丁.xlsx 工作表「附件4」 单元格 B5: 文件为空"
    assert error.to_dict() == {"code": "empty-file", "message": "丁.xlsx 工作表「附件4」 单元格 B5: 文件为空"}
    again = error.exception()
    assert type(again) is InputError and again.code is ErrorCode.EMPTY_FILE and str(again) == str(error)
    assert FileError.of(again) == error
