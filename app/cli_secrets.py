"""Passwords for the command line: the first line of a file, else typed twice on the terminal, never argv."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from app.errors import UserError


def on_terminal() -> bool:
    """Whether a person can be asked: standard input is a terminal (not closed, a pipe or a file)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


def read_password(file: Path | None, option: str = "--password-file") -> str:
    """The new password: the first line of ``file``, else typed twice on the terminal."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"无法读取密码文件 {file}：{getattr(exc, 'strerror', None) or exc}") from None
        lines = text.splitlines()
        password = lines[0] if lines else ""
        if not password:
            raise UserError(f"密码文件 {file} 的第一行是空的")
        return password
    if not on_terminal():
        raise UserError(f"没有终端可以输入密码：请用 {option} 指定一个文件，其第一行为密码")
    password = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != password:
        raise UserError("两次输入的密码不一致，什么也没有改")
    return password
