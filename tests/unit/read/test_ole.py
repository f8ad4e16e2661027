"""Tests for perfxl.read.ole: compound files, .xls and encrypted workbooks (built by hand: msoffcrypto is not
installed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sniff_inputs import FILEPASS, cfb, rejected, write, xls_bytes


def test_t07_encrypted_minimal_ole_blob(tmp_path: Path) -> None:
    blob = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    rejected(write(tmp_path, "x.xlsx", blob), "encrypted", "文件设置了打开密码，请报送单位取消密码后重新报送")


def test_t07_encrypted_ooxml_compound_file(tmp_path: Path) -> None:
    # what Excel/msoffcrypto write for a password-protected .xlsx: EncryptionInfo + EncryptedPackage
    data = cfb(
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(200),
            "EncryptedPackage": os.urandom(6000),
        }
    )
    rejected(write(tmp_path, "加密.xlsx", data), "encrypted", "文件设置了打开密码")


def test_encrypted_xls_filepass(tmp_path: Path) -> None:
    rejected(write(tmp_path, "x.xls", xls_bytes(FILEPASS)), "encrypted", "打开密码")


@pytest.mark.parametrize(
    ("streams", "phrase"),
    [
        # a Word document whose text mentions "Workbook" (UTF-16, not a directory entry) is still Word
        ({"WordDocument": b"\0" * 130 + "Workbook\0".encode("utf-16-le"), "1Table": b"x"}, "Word 文档(.doc)"),
        ({"PowerPoint Document": b"x"}, "PowerPoint 文档(.ppt)"),
        ({"Contents": b"x"}, "没有工作簿数据"),
    ],
)
def test_other_compound_files(tmp_path: Path, streams: dict[str, bytes], phrase: str) -> None:
    rejected(write(tmp_path, "x.xls", cfb(streams)), "not-excel", phrase)
