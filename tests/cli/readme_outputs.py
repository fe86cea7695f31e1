#!/usr/bin/env python3
"""The README's printed outputs, checked against the built dln (part of cli.readme_examples).

1. Every ```console block: each `$ dln …` line is run (in the working directory of readme_examples.cmake)
   and its stdout must be the lines printed under it, character for character; a trailing `| head -N` or
   `| tail -N` keeps that many lines, as the shell would. A command shown without output lines is only run
   by readme_examples.cmake.
2. The generalisation table of `dln generalize`: each row's command is run as written and the last CSV
   row's mean test losses must round to the printed digits — the min-norm column names which loss
   ("compositional" = test_omega, "per-item" = test_gamma) and the simulated column gives them in the same
   order ("~0" is below 5e-5, i.e. 0.0000 at four decimals).

usage: readme_outputs.py DLN README WORKDIR
"""
import re
import shlex
import subprocess
import sys


def run(dln, command, workdir):
    words = shlex.split(command)
    result = subprocess.run([dln] + words[1:], cwd=workdir, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"'{command}' exited with {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def console_examples(lines):
    """(command, pipe, expected lines) for every `$ dln` line with output in a ```console block."""
    examples, block, current = [], False, None
    for line in lines + ["```"]:
        if line.startswith("```"):
            if current and current[2]:
                examples.append(current)
            current = None
            block = line.strip() == "```console"
            continue
        if not block:
            continue
        if line.startswith("$ "):
            if current and current[2]:
                examples.append(current)
            current = None
            if line.startswith("$ dln "):
                command = re.sub(r" +#.*$", "", line[2:])
                command, _, pipe = command.partition(" | ")
                current = (command.strip(), pipe.strip(), [])
        elif current is not None:
            current[2].append(line)
    return examples


def check_console(dln, lines, workdir):
    failures, count = [], 0
    for command, pipe, expected in console_examples(lines):
        output = run(dln, command, workdir).splitlines()
        match = re.fullmatch(r"(head|tail) -(\d+)", pipe)
        if pipe and not match:
            failures.append(f"'{command} | {pipe}': only '| head -N' and '| tail -N' can be checked")
            continue
        if match:
            n = int(match.group(2))
            output = output[:n] if match.group(1) == "head" else output[-n:]
        count += 1
        if output != expected:
            shown = "\n".join(expected)
            got = "\n".join(output)
            failures.append(f"'{command}' printed\n{got}\nwhere the README shows\n{shown}")
    return failures, count


def matches(value, printed):
    """Whether value rounds to the printed number (its own count of decimals); '~0' is |value| < 5e-5."""
    if printed == "~0":
        return abs(value) < 5e-5
    decimals = len(printed.partition(".")[2])
    return f"{value:.{decimals}f}" == printed


def check_generalize(dln, lines, workdir):
    failures, count = [], 0
    row = re.compile(r"^\| `(dln generalize [^`]*)` \| ([^|]*) \| ([^|]*) \|$")
    column = {"compositional": "test_omega", "per-item": "test_gamma"}
    for line in lines:
        found = row.match(line)
        if not found:
            continue
        command, min_norm, simulated = found.group(1), found.group(2).strip(), found.group(3).strip()
        csv = run(dln, command, workdir).splitlines()
        header, last = csv[0].split(","), csv[-1].split(",")
        values = dict(zip(header, map(float, last)))
        names = re.findall(r"(compositional|per-item) ([0-9.]+)", min_norm)
        printed = [p.strip() for p in simulated.split("/")]
        count += 1
        if len(names) != len(printed):
            failures.append(f"'{command}': {len(names)} losses named, {len(printed)} simulated values shown")
            continue
        for (name, bound), shown in zip(names, printed):
            key = column[name]
            if not matches(values["min_norm_" + key], bound):
                failures.append(f"'{command}': min-norm {name} test loss {values['min_norm_' + key]:.6g}, README {bound}")
            if not matches(values[key], shown):
                failures.append(f"'{command}': simulated {name} test loss {values[key]:.6g}, README {shown}")
    return failures, count


def main():
    dln, readme, workdir = sys.argv[1:4]
    with open(readme, encoding="utf-8") as f:
        lines = f.read().splitlines()
    console_failures, consoles = check_console(dln, lines, workdir)
    table_failures, rows = check_generalize(dln, lines, workdir)
    print(f"README outputs: {consoles} console examples, {rows} generalisation rows compared")
    # A README whose examples all lost their output would pass vacuously: the layout is part of the check.
    if consoles < 3 or rows < 5:
        print(f"expected ≥ 3 console examples and 5 generalisation rows: has the README's layout changed?")
        return 1
    for failure in console_failures + table_failures:
        print(failure)
    return 1 if console_failures or table_failures else 0


if __name__ == "__main__":
    sys.exit(main())
