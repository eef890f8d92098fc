#!/usr/bin/env bash
# The deploy's weekly run: keeps ONE open issue, labelled overdue-figures, listing the official figures past their
# usual release that this site has not found, from the body `python -m scripts overdue` wrote. A label turns with the
# date, not with a commit, so without this nobody would hear of it. The open issue's body is replaced (the oldest, if
# ever there were several: the others are closed as listed there); with none open, one is opened. When the body's first
# line says nothing is past its release, the open issue gets the body as a comment and is closed, and none is opened.
# It runs none of the project's code: the body is read only for its first line, which no value from the data reaches.
#
#   update-overdue-issue.sh BODY_FILE
#   environment: GH_TOKEN, GH_REPO (gh reads both)
set -euo pipefail
body=${1:?usage: update-overdue-issue.sh BODY_FILE}
label="overdue-figures"
title="官方数据：已过通常发布时间、本站尚未找到 / Figures past their usual release, not found here"
none_mark="<!-- overdue-figures: none -->"  # scripts/contrib/overdue.py NONE_MARK
list_mark="<!-- overdue-figures: listed -->"  # scripts/contrib/overdue.py LIST_MARK

first=$(head -n 1 -- "$body" 2>/dev/null || true)
if [ "$first" != "$none_mark" ] && [ "$first" != "$list_mark" ]; then
  echo "update-overdue-issue.sh: $body is not a body written by scripts/contrib/overdue.py (its first line is neither marker); no issue was changed" >&2
  exit 1
fi

# --force: made when missing, its colour and description set again when not; run after run, the same one label
gh label create "$label" --force --color FBCA04 \
  --description "Official figures past their usual release, not found here (the deploy's weekly run)"
open=$(gh issue list --label "$label" --state open --limit 100 --json number --jq 'map(.number) | sort | .[]')
numbers=()
if [ -n "$open" ]; then
  mapfile -t numbers <<< "$open"
fi

if [ "$first" = "$none_mark" ]; then
  for number in "${numbers[@]}"; do
    gh issue comment "$number" --body-file "$body"
    gh issue close "$number" --reason completed
  done
  echo "nothing is past its usual release: ${#numbers[@]} issue(s) closed"
  exit 0
fi

if [ "${#numbers[@]}" -eq 0 ]; then
  gh issue create --title "$title" --label "$label" --body-file "$body"
  exit 0
fi
kept=${numbers[0]}
gh issue edit "$kept" --body-file "$body"
for number in "${numbers[@]:1}"; do  # one issue only: any other open one is closed in favour of the oldest
  gh issue close "$number" --reason "not planned" --comment "The list is kept in #$kept. / 列表见 #$kept。"
done
echo "issue #$kept lists the figures past their usual release"
