# fish completion for closecoach; installed as
# share/fish/vendor_completions.d/closecoach.fish. FACT=VALUE after -a/--answer
# come from the playbook in use through the hidden helper
# `closecoach playbook facts [FILE]`.

function __closecoach_facts
    set -l tokens (commandline -opc)
    set -l playbook
    for i in (seq (count $tokens))
        if test "$tokens[$i]" = --playbook; and test $i -lt (count $tokens)
            set playbook $tokens[(math $i + 1)]
        else if string match -q -- '--playbook=*' $tokens[$i]
            set playbook (string replace -- '--playbook=' '' $tokens[$i])
        end
    end
    closecoach playbook facts $playbook 2>/dev/null
end

# A subcommand of `parent`: fish's `a; or b; and c` reads as (a or b) and c,
# so the conditions that need "or" call this instead.
function __closecoach_sub -a parent
    __fish_seen_subcommand_from $parent; and __fish_seen_subcommand_from $argv[2..-1]
end

set -l commands advise review report playbook profile eval deal stats
complete -c closecoach -f
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a advise -d 'The next move for one deal'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a review -d 'Review deals from CRM exports'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a report -d 'Sum up review output for a manager'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a playbook -d 'Check, test, show and format playbooks'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a profile -d 'CRM profiles for review'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a eval -d 'Evaluate a condition against data'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a deal -d "A rep's deals between calls"
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -a stats -d 'What works for this team'
complete -c closecoach -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
# closecoach's own options, before or after the command.
complete -c closecoach -s v -l verbose -d 'Log to stderr'
complete -c closecoach -l log-level -x -a 'trace debug info warn error critical off'
complete -c closecoach -s q -l quiet -d 'No notes or progress on stderr'
complete -c closecoach -l color -x -a 'auto always never' -d 'Colour'
# -o FILE: the result written to FILE, atomically.
complete -c closecoach -n '__fish_seen_subcommand_from advise review eval stats export; or __closecoach_sub playbook test show fmt; or __closecoach_sub profile show list; or __closecoach_sub deal show list' -s o -l output-file -r -F -d 'Write the result to FILE'
complete -c closecoach -s h -l help -d 'Print help'

# Shared by several commands.
complete -c closecoach -n '__fish_seen_subcommand_from advise review report; or __closecoach_sub playbook show' -l lang -x -a 'en zh ru' -d 'Language'
complete -c closecoach -n '__fish_seen_subcommand_from advise review report eval; or __closecoach_sub profile validate; or __closecoach_sub deal new set unset show list log import' -l playbook -r -F -d 'Playbook file'
complete -c closecoach -n '__fish_seen_subcommand_from advise eval' -s a -l answer -x -a '(__closecoach_facts)' -d 'FACT=VALUE'

# advise
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l answers -r -F -d 'JSON file of fact to value'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l notes -x -d 'Notes text'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l notes-file -r -F -d 'Notes file'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l why-not -x -d 'Explain why TECHNIQUE is not recommended'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l format -x -a 'text json' -d 'Output format'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l interactive -d 'Ask for missing answers'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l no-interactive -d 'Never ask'

# review
complete -c closecoach -n '__fish_seen_subcommand_from review' -F
complete -c closecoach -n '__fish_seen_subcommand_from review' -l format -x -a 'jsonl csv' -d 'Input format'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l output -x -a 'jsonl csv table' -d 'Output format'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l map -x -d 'Read CSV column NAME as FACT'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l profile -r -F -a 'salesforce hubspot pipedrive none' -d 'CRM profile'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l today -x -d 'YYYY-MM-DD'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l keep -x -d 'Carry column NAME'
complete -c closecoach -n '__fish_seen_subcommand_from review' -s j -l jobs -x -d 'Worker threads'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l summary -d 'Print counts on stderr'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l explain -d 'Add names, lines and reasons'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l max-record-bytes -x -d 'Longest record'
complete -c closecoach -n '__fish_seen_subcommand_from review' -l first-line -x -d 'Number of the first line'

# report
complete -c closecoach -n '__fish_seen_subcommand_from report' -F
complete -c closecoach -n '__fish_seen_subcommand_from report' -l format -x -a 'text markdown html json' -d 'Report format'
complete -c closecoach -n '__fish_seen_subcommand_from report' -s o -l output -l output-file -r -F -d 'Write to FILE'
complete -c closecoach -n '__fish_seen_subcommand_from report' -l attention -x -d 'Deals needing attention listed'
complete -c closecoach -n '__fish_seen_subcommand_from report' -l date -x -d 'The date the report names'

# eval
complete -c closecoach -n '__fish_seen_subcommand_from eval' -l data -x -d 'JSON data the condition reads'

# playbook
set -l playbook_commands validate test show fmt
complete -c closecoach -n "__fish_seen_subcommand_from playbook; and not __fish_seen_subcommand_from $playbook_commands" -a validate -d 'Check a playbook'
complete -c closecoach -n "__fish_seen_subcommand_from playbook; and not __fish_seen_subcommand_from $playbook_commands" -a test -d 'Run scenario tests'
complete -c closecoach -n "__fish_seen_subcommand_from playbook; and not __fish_seen_subcommand_from $playbook_commands" -a show -d 'The playbook read aloud'
complete -c closecoach -n "__fish_seen_subcommand_from playbook; and not __fish_seen_subcommand_from $playbook_commands" -a fmt -d 'Write a playbook in canonical form'
complete -c closecoach -n "__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from $playbook_commands" -F
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from test' -l tests -r -F -d 'Scenario tests'
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from test' -l coverage -d 'List rules that fired in no case'
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from show' -l technique -x -d 'Only this technique'
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from show' -l rule -x -d 'Only this rule'
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from fmt' -l check -d 'Only check'
complete -c closecoach -n '__fish_seen_subcommand_from playbook; and __fish_seen_subcommand_from fmt' -l to -x -a 'expr jsonlogic' -d 'Convert conditions'

# profile
set -l profile_commands list show validate
complete -c closecoach -n "__fish_seen_subcommand_from profile; and not __fish_seen_subcommand_from $profile_commands" -a list -d 'Name the built-in profiles'
complete -c closecoach -n "__fish_seen_subcommand_from profile; and not __fish_seen_subcommand_from $profile_commands" -a show -d 'Print a built-in profile'
complete -c closecoach -n "__fish_seen_subcommand_from profile; and not __fish_seen_subcommand_from $profile_commands" -a validate -d 'Check a profile file'
complete -c closecoach -n '__fish_seen_subcommand_from profile; and __fish_seen_subcommand_from show validate' -a 'salesforce hubspot pipedrive'
complete -c closecoach -n '__fish_seen_subcommand_from profile; and __fish_seen_subcommand_from validate' -F

# deal and stats
set -l deal_commands new set unset show list rm log export import
complete -c closecoach -n "__fish_seen_subcommand_from deal; and not __fish_seen_subcommand_from $deal_commands" -a "$deal_commands"
complete -c closecoach -n '__fish_seen_subcommand_from deal stats advise' -l db -r -F -d 'The deals database'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l deal -x -d 'Start from the answers of deal ID'
complete -c closecoach -n '__fish_seen_subcommand_from advise' -l save -d 'Store the answers on the deal'
complete -c closecoach -n '__fish_seen_subcommand_from deal; and __fish_seen_subcommand_from new' -s a -l answer -x -a '(__closecoach_facts)' -d 'FACT=VALUE'
complete -c closecoach -n '__fish_seen_subcommand_from deal; and __fish_seen_subcommand_from set' -x -a '(__closecoach_facts)'
complete -c closecoach -n '__fish_seen_subcommand_from deal; and __fish_seen_subcommand_from log' -l move -x -d 'The technique tried'
complete -c closecoach -n '__fish_seen_subcommand_from deal; and __fish_seen_subcommand_from log' -l outcome -x -a 'won lost stalled advanced' -d 'How it went'
complete -c closecoach -n '__fish_seen_subcommand_from deal; and __fish_seen_subcommand_from log' -l note -x -d 'A few words'
complete -c closecoach -n '__fish_seen_subcommand_from stats; or __closecoach_sub deal show list' -l format -x -a 'text json'
