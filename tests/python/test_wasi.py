"""The WASI command's contract under wasmtime: the tutorial's two programs, the
sandbox, bad use, and a 256 MiB file streamed with the guest's memory capped
at 4 MiB. (The same contract under node:wasi: tests/js/wasi.test.mjs.)"""

import hashlib
import os
import pathlib
import re
import tempfile
import unittest

from faces import run_rwm


class Scratch:
    """`outer/` holding a secret, and `outer/sandbox/`, preopened as `.`."""

    def __enter__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="rwm-py-wasi-")
        self.outer = pathlib.Path(self._dir.name)
        self.sandbox = self.outer / "sandbox"
        self.sandbox.mkdir()
        (self.outer / "secret.txt").write_text("top secret\n")
        return self

    def __exit__(self, *exc):
        self._dir.cleanup()


class Wasi(unittest.TestCase):
    def test_greet_uses_user_and_falls_back_to_unknown(self):
        self.assertEqual(run_rwm(["greet"], env={"USER": "alice"}).text, "Hello, alice from WASI!\n")
        unset = run_rwm(["greet"], env={})
        self.assertEqual((unset.code, unset.text), (0, "Hello, unknown from WASI!\n"))

    def test_upper_defaults_to_input_and_output_txt(self):
        with Scratch() as s:
            (s.sandbox / "input.txt").write_text("hello, straße 123\n", encoding="utf-8")
            run = run_rwm(["upper"], sandbox=s.sandbox)
            self.assertEqual(run.code, 0, run.stderr)
            self.assertEqual((s.sandbox / "output.txt").read_text(encoding="utf-8"), "HELLO, STRAßE 123\n")
            self.assertEqual(sorted(os.listdir(s.sandbox)), ["input.txt", "output.txt"])

    def test_missing_input_is_exit_66(self):
        with Scratch() as s:
            run = run_rwm(["upper"], sandbox=s.sandbox)
            self.assertEqual(run.code, 66)
            self.assertEqual(run.stderr, 'rwm: input file "input.txt" does not exist (no-input)\n')
            self.assertEqual(os.listdir(s.sandbox), [])

    def test_unwritable_output_is_exit_73_and_leaves_nothing(self):
        with Scratch() as s:
            (s.sandbox / "input.txt").write_text("x")
            run = run_rwm(["upper", "input.txt", "missing-dir/out.txt"], sandbox=s.sandbox)
            self.assertEqual(run.code, 73, run.stderr)
            self.assertRegex(run.stderr, r'^rwm: cannot write output file "missing-dir/out\.txt": .* \(cannot-create\)\n$')
            (s.sandbox / "taken").mkdir()
            run = run_rwm(["upper", "input.txt", "taken"], sandbox=s.sandbox)
            self.assertEqual(run.code, 73, run.stderr)
            self.assertEqual(sorted(os.listdir(s.sandbox)), ["input.txt", "taken"])

    def test_paths_outside_the_sandbox_are_refused(self):
        with Scratch() as s:
            (s.sandbox / "input.txt").write_text("inside")
            for args in (["upper", "../secret.txt", "leak.txt"], ["upper", "sub/../../secret.txt", "leak.txt"], ["upper", "input.txt", "../pwned.txt"]):
                run = run_rwm(args, sandbox=s.sandbox)
                self.assertEqual(run.code, 77, f"{args}: {run.stderr}")
                self.assertRegex(run.stderr, r"is outside the directories this program was given .*\(not-permitted\)\n$")
            absolute = run_rwm(["upper", str(s.outer / "secret.txt"), "leak.txt"], sandbox=s.sandbox)
            self.assertNotEqual(absolute.code, 0)
            self.assertEqual(os.listdir(s.sandbox), ["input.txt"])
            self.assertFalse((s.outer / "pwned.txt").exists())
            self.assertEqual((s.outer / "secret.txt").read_text(), "top secret\n")

    def test_symlinks_pointing_outside_are_refused_by_wasmtime(self):
        # What the path's text cannot show, the runtime's sandbox must catch.
        with Scratch() as s:
            (s.sandbox / "input.txt").write_text("inside")
            os.symlink("../secret.txt", s.sandbox / "link.txt")
            os.symlink("..", s.sandbox / "up")
            for args in (["upper", "link.txt", "out.txt"], ["upper", "up/secret.txt", "out.txt"], ["upper", "input.txt", "up/pwned.txt"]):
                run = run_rwm(args, sandbox=s.sandbox)
                self.assertEqual(run.code, 77, f"{args}: {run.stderr}")
                self.assertIn("refused by the WASI runtime", run.stderr)
            self.assertFalse((s.outer / "pwned.txt").exists())
            self.assertEqual(sorted(os.listdir(s.sandbox)), ["input.txt", "link.txt", "up"])

    def test_usage_errors_are_exit_64_without_a_panic(self):
        for args in ([], ["frobnicate"], ["add", "1"], ["add", "1", "x"], ["make-number-array", "-1"]):
            run = run_rwm(args)
            self.assertEqual(run.code, 64, f"{args}: {run.stderr}")
            self.assertEqual(run.kind, "usage")
            self.assertNotRegex(run.stderr, "panicked|unreachable|backtrace")

    def test_bad_stdin_is_exit_65(self):
        run = run_rwm(["echo-suffix"], stdin=b"ok\xff")
        self.assertEqual((run.code, run.stderr), (65, "rwm: stdin is not valid UTF-8 (at byte 2) (bad-input)\n"))

    def test_streams_256_mib_with_memory_capped_at_4_mib(self):
        # A guest that read the whole file would need 256 MiB of linear
        # memory; capped at 4 MiB it must fail. rwm streams, so it succeeds.
        block = ("The quick brown fox jumps over the lazy dog; straße, 日本, 🦀!\n" * 16384).encode()[: 1 << 20]
        upper = re.sub(rb"[a-z]", lambda m: m.group(0).upper(), block)
        expected = hashlib.sha256()
        with Scratch() as s:
            with open(s.sandbox / "input.txt", "wb") as f:
                for _ in range(256):
                    f.write(block)
                    expected.update(upper)
            run = run_rwm(["upper"], sandbox=s.sandbox, memory_limit=4 << 20)
            self.assertEqual(run.code, 0, run.stderr)
            actual = hashlib.sha256()
            with open(s.sandbox / "output.txt", "rb") as f:
                while chunk := f.read(1 << 20):
                    actual.update(chunk)
            self.assertEqual(os.path.getsize(s.sandbox / "output.txt"), 256 << 20)
            self.assertEqual(actual.hexdigest(), expected.hexdigest())
            self.assertLessEqual(run.memory_bytes, 4 << 20)

    def test_the_memory_cap_is_real(self):
        # Control for the test above: with the same cap, a command that must
        # hold its whole input (normalize) is refused for lack of memory.
        numbers = b"1 " * (3 << 20)
        run = run_rwm(["normalize"], stdin=numbers, memory_limit=4 << 20)
        self.assertEqual((run.code, run.kind), (71, "out-of-memory"), run.stderr)


if __name__ == "__main__":
    unittest.main()
