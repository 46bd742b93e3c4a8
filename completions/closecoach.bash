# bash completion for closecoach                              -*- shell-script -*-
# Installed as share/bash-completion/completions/closecoach. Completes the
# subcommands, their options, the values of --lang, --format, --output,
# --profile, --to and --log-level, file names where a file is expected, and
# FACT=VALUE after -a/--answer from the playbook in use (the command line's
# --playbook, else $CLOSECOACH_PLAYBOOK, the config file's, or the built-in),
# which `closecoach playbook facts [FILE]` lists (a hidden helper for this).

_closecoach_facts() {
  local playbook="" i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    [[ ${COMP_WORDS[i]} == --playbook ]] && playbook=${COMP_WORDS[i + 1]}
    [[ ${COMP_WORDS[i]} == --playbook=* ]] && playbook=${COMP_WORDS[i]#--playbook=}
  done
  playbook=${playbook/#\~/$HOME}
  "${COMP_WORDS[0]:-closecoach}" playbook facts ${playbook:+"$playbook"} 2>/dev/null
}

_closecoach() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()

  # The subcommand path: closecoach [playbook|profile] SUBCOMMAND.
  local command="" sub="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    case "$word" in
      advise | review | report | playbook | profile | eval | deal | stats)
        [[ -z $command ]] && command=$word && continue ;;
    esac
    if [[ -n $command && -z $sub && ($command == playbook || $command == profile || $command == deal) ]]; then
      sub=$word
    fi
  done

  local options="" files=false
  case "$command" in
    "") options="-h --help --version" ;;
    advise) options="-h --help --answers -a --answer --notes --notes-file --lang --playbook --why-not --format --interactive --no-interactive --deal --save --db -o --output-file" ;;
    stats) options="-h --help --db --format -o --output-file" ;;
    deal)
      case "$sub" in
        new) options="-h --help --db -a --answer --playbook" ;;
        set | unset) options="-h --help --db --playbook" ;;
        show | list) options="-h --help --db --format -o --output-file --playbook" ;;
        log) options="-h --help --db --move --outcome --note --playbook" ;;
        export) options="-h --help --db -o --output-file" ;;
        import) options="-h --help --db --playbook"; files=true ;;
        rm | "") options="-h --help --db" ;;
      esac ;;
    review) options="-h --help --format --output --map --profile --today --keep -j --jobs --summary --explain --max-record-bytes --first-line --lang --playbook -o --output-file"; files=true ;;
    report) options="-h --help --format -o --output --output-file --attention --date --lang --playbook"; files=true ;;
    eval) options="-h --help --data -a --answer --playbook -o --output-file" ;;
    playbook)
      case "$sub" in
        validate) options="-h --help"; files=true ;;
        test) options="-h --help --tests --coverage -o --output-file"; files=true ;;
        show) options="-h --help --technique --rule --lang -o --output-file"; files=true ;;
        fmt) options="-h --help --check --to -o --output-file"; files=true ;;
        "") options="-h --help" ;;
      esac ;;
    profile)
      case "$sub" in
        validate) options="-h --help --playbook"; files=true ;;
        show | list) options="-h --help -o --output-file" ;;
        "") options="-h --help" ;;
      esac ;;
  esac
  # The options of closecoach itself go before or after the command.
  options+=" -q --quiet --color -v --verbose --log-level"

  # -a FACT=VALUE where bash splits words at '=' (COMP_WORDBREAKS): the words
  # are -a FACT = VALUE, and only VALUE is replaced.
  local fact="" value=""
  if [[ $cur == = ]] && ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == -a || ${COMP_WORDS[COMP_CWORD - 2]} == --answer ]]; then
    fact=${COMP_WORDS[COMP_CWORD - 1]}
  elif [[ $prev == = ]] && ((COMP_CWORD >= 3)) && [[ ${COMP_WORDS[COMP_CWORD - 3]} == -a || ${COMP_WORDS[COMP_CWORD - 3]} == --answer ]]; then
    fact=${COMP_WORDS[COMP_CWORD - 2]} value=$cur
  fi
  if [[ -n $fact ]]; then
    local line values=()
    while IFS= read -r line; do
      [[ $line == "$fact="* && -n ${line#*=} ]] && values+=("${line#*=}")
    done < <(_closecoach_facts)
    local IFS=$'\n'
    mapfile -t COMPREPLY < <(compgen -W "${values[*]}" -- "$value")
    return
  fi

  # The value of the option before the cursor.
  case "$prev" in
    --lang) mapfile -t COMPREPLY < <(compgen -W "en zh ru" -- "$cur"); return ;;
    --color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
    --log-level) mapfile -t COMPREPLY < <(compgen -W "trace debug info warn error critical off" -- "$cur"); return ;;
    --format)
      case "$command" in
        advise | stats | deal) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur") ;;
        review) mapfile -t COMPREPLY < <(compgen -W "jsonl csv" -- "$cur") ;;
        report) mapfile -t COMPREPLY < <(compgen -W "text markdown html json" -- "$cur") ;;
      esac
      return ;;
    --output)
      if [[ $command == review ]]; then
        mapfile -t COMPREPLY < <(compgen -W "jsonl csv table" -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi
      return ;;
    -o | --output-file) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --to) mapfile -t COMPREPLY < <(compgen -W "expr jsonlogic" -- "$cur"); return ;;
    --profile)
      mapfile -t COMPREPLY < <(compgen -W "salesforce hubspot pipedrive none" -- "$cur")
      mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
      return ;;
    --outcome) mapfile -t COMPREPLY < <(compgen -W "won lost stalled advanced" -- "$cur"); return ;;
    --move) mapfile -t COMPREPLY < <(compgen -W "hard_close assumptive_close trial_close helpful_close motivation_driver pain_driver alternatives_probe reach_decision_maker graceful_exit isolate_objection" -- "$cur"); return ;;
    --playbook | --answers | --notes-file | --tests | --db | --output-file)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    -a | --answer)
      local IFS=$'\n'
      mapfile -t COMPREPLY < <(compgen -W "$(_closecoach_facts)" -- "$cur")
      # FACT= with more to type: no space after it.
      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
      if [[ $cur != *=* ]]; then
        # Fact names first, then their values once the name is typed.
        local names
        names=$(printf '%s\n' "${COMPREPLY[@]}" | sed 's/=.*/=/' | sort -u)
        mapfile -t COMPREPLY <<<"$names"
        [[ -z ${COMPREPLY[0]} ]] && COMPREPLY=()
        compopt -o nospace 2>/dev/null
      fi
      return ;;
    --notes | --note | --deal | --why-not | --technique | --rule | --map | --keep | --today | --date | --data | \
      -j | --jobs | --attention | --max-record-bytes | --first-line)
      return ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return
  fi
  case "$command" in
    "") mapfile -t COMPREPLY < <(compgen -W "advise review report playbook profile eval deal stats" -- "$cur"); return ;;
    deal) [[ -z $sub ]] && { mapfile -t COMPREPLY < <(compgen -W "new set unset show list rm log export import" -- "$cur"); return; } ;;
    playbook) [[ -z $sub ]] && { mapfile -t COMPREPLY < <(compgen -W "validate test show fmt" -- "$cur"); return; } ;;
    profile)
      if [[ -z $sub ]]; then
        mapfile -t COMPREPLY < <(compgen -W "list show validate" -- "$cur"); return
      elif [[ $sub == show ]]; then
        mapfile -t COMPREPLY < <(compgen -W "salesforce hubspot pipedrive" -- "$cur"); return
      elif [[ $sub == validate ]]; then
        mapfile -t COMPREPLY < <(compgen -W "salesforce hubspot pipedrive" -- "$cur")
      fi ;;
  esac
  if $files; then
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
  fi
}

complete -F _closecoach -o filenames closecoach
