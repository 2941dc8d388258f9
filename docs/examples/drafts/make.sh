#!/usr/bin/env bash
# The example drafts: one per template, from the shipped bank, for a fictional
# city union (枫林市总工会). Each file holds the command, the draft (stdout) and
# what speechkit said on stderr (notes and the footer). tests/test_examples.py
# runs each command again and compares.
set -euo pipefail
cd "$(dirname "$0")"
common=(--seed 1 --no-input --slot org=枫林市总工会 --slot year=2026)
make() {
    local name=$1
    shift
    {
        echo "\$ speechkit generate $*"
        echo
        speechkit generate "$@" 2>stderr.tmp
        echo
        echo "--- stderr"
        cat stderr.tmp
    } >"$name.txt"
    rm -f stderr.tmp
}
make work-meeting -t work-meeting "${common[@]}" --slot event=全市工会工作会议 --slot speaker=市总工会
make congress -t congress "${common[@]}" --slot event=枫林市总工会第五次代表大会 --slot speaker=市委、市政府
make commendation -t commendation "${common[@]}" --slot event=全市五一劳动奖表彰大会 --slot speaker=市委、市政府
make festival -t festival "${common[@]}" --slot event=“三八”国际妇女节 --slot audience=全市广大女职工 --slot speaker=市总工会
make symposium -t symposium "${common[@]}" --slot event=全市产业工人队伍建设改革座谈会
