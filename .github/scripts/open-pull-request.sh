#!/usr/bin/env bash
# The privileged half of issue-to-pull-request.yml: it holds the write token and runs none of the project's code.
# From the proposal the unprivileged job made of the issue (data.patch, report.md, review.md in the folder given), it
# either opens the issue's pull request, or comments on the issue. An issue's pull request is opened once: when the
# branch data/issue-N exists, or a pull request from it ever did (merged, closed, its branch deleted), nothing is pushed
# (never with --force: a maintainer's commit on it stays) and the issue gets one comment saying how to propose a
# change instead.
#
#   open-pull-request.sh PROPOSAL_FOLDER ADDED(true|false)
#   environment: NUMBER, AUTHOR, GH_TOKEN, GITHUB_REPOSITORY; PUSH_URL (the tests' stand-in for GitHub)
set -euo pipefail
proposal=$1
added=$2
branch="data/issue-$NUMBER"
remote=${PUSH_URL:-"https://x-access-token:$GH_TOKEN@github.com/$GITHUB_REPOSITORY.git"}
frozen_mark="<!-- issue-pull-request-frozen -->"

proposed=$(gh pr list --head "$branch" --state all --json number --jq length)
if [ -n "$(git ls-remote --heads "$remote" "refs/heads/$branch")" ] || [ "$proposed" != "0" ]; then
  echo "issue #$NUMBER has its pull request already: it is not rewritten"
  # the notice once, counting only the bot's own comments (anyone can write the marker in theirs)
  if ! gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$NUMBER/comments" \
      --jq '.[] | select(.user.login == "github-actions[bot]") | .body' | grep -qF -- "$frozen_mark"; then
    gh issue comment "$NUMBER" --body-file .github/issue-frozen.md
  fi
  exit 0
fi

if [ "$added" != "true" ]; then
  gh issue comment "$NUMBER" --body-file "$proposal/report.md"
  exit 0
fi

# Only data/*.csv may change: anything else in the patch is left out, and a file it would add or remove stops the run.
git apply --include='data/*.csv' "$proposal/data.patch"
outside=$(git status --porcelain --untracked-files=all | grep -vE '^ M data/[a-z_]+\.csv$' || true)
if [ -n "$outside" ]; then
  echo "the proposal changes more than the rows of data/*.csv; nothing was pushed:" >&2
  echo "$outside" >&2
  exit 1
fi
git switch -q -c "$branch"
git add data/
git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit -q -m "Data from issue #$NUMBER" -m "Co-authored-by: $AUTHOR <$AUTHOR@users.noreply.github.com>"
git push -q "$remote" "refs/heads/$branch:refs/heads/$branch"  # a branch made meanwhile is refused, not overwritten
body=$(mktemp)
{ cat "$proposal/report.md"; printf '\nCloses #%s\n' "$NUMBER"; } > "$body"  # merged, the pull request closes its issue
gh pr create --head "$branch" --title "Data from issue #$NUMBER" --body-file "$body"
gh pr comment "$branch" --body-file "$proposal/review.md"
gh workflow run pull-request.yml --ref "$branch"  # a pull request opened with the workflow's token starts no workflow
