# bash completion for bcreport                             -*- shell-script -*-
#
# Installed by make install as PREFIX/share/bash-completion/completions/
# bcreport, where the bash-completion package loads it the first time
# "bcreport <Tab>" is pressed; or source it from ~/.bashrc.  It needs bash
# alone (compgen), not bash-completion's helpers.
#
# Completes the commands, each command's options, the values of -f/--format
# (per command), --level, --color, --escape and --pdf-engine, folders for
# -T and -P, and data files (*.yaml, *.yml, and folders to walk into) where
# a command takes them, init's --from included.  tests/unit/test_install.c
# checks that every command and option in bcreport's own help is completed
# here.

# The completions of word that are among the words of list (one per line).
_bcreport_words()
{
    local list=$1 word=$2
    local IFS=$'\n'
    COMPREPLY+=($(compgen -W "$list" -- "$word"))
}

# Folders, then the files whose names end in .yaml or .yml (any case).
# With -o filenames, readline puts a "/" after a folder, a space after a
# file, and quotes what needs it.
_bcreport_data_files()
{
    local word=$1 f
    local IFS=$'\n'
    COMPREPLY+=($(compgen -d -- "$word"))
    for f in $(compgen -f -- "$word"); do
        [[ -d $f ]] && continue
        case ${f,,} in
        *.yaml | *.yml) COMPREPLY+=("$f") ;;
        esac
    done
    compopt -o filenames 2>/dev/null
    return 0
}

_bcreport_folders()
{
    local word=$1
    local IFS=$'\n'
    COMPREPLY+=($(compgen -d -- "$word"))
    compopt -o filenames 2>/dev/null
    return 0
}

_bcreport_files()
{
    local word=$1
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$word"))
    compopt -o filenames 2>/dev/null
    return 0
}

# The options of each command, one a line; those that take a value are
# listed twice, as "-x" and "--long=", for the --long=value form.
_bcreport_options()
{
    local common=$'-h\n--help\n--color=\n--colour=\n-q\n--quiet'
    case $1 in
    new) echo $'-o\n--output=\n-l\n--level=\n-y\n--year=\n--force' ;;
    init) echo $'--from=\n-o\n--output=\n-y\n--year=\n--force' ;;
    build) echo $'-f\n--format=\n-o\n--output=\n-T\n--templates=\n--fragment\n--pdf-engine=\n--watch' ;;
    check) echo $'--werror\n--final' ;;
    summary) echo $'-f\n--format=\n-o\n--output=\n--header=\n-T\n--templates=\n--pdf-engine=' ;;
    render) echo $'-P\n--partials=\n-e\n--escape=\n--strict' ;;
    help) return ;;
    esac
    echo "$common"
}

# Completes the value of option (for command), or returns 1 when option
# takes no value.
_bcreport_value()
{
    local command=$1 option=$2 word=$3
    case $option in
    --color | --colour) _bcreport_words $'auto\nalways\nnever' "$word" ;;
    -f | --format)
        case $command in
        summary) _bcreport_words $'md\nhtml\ndocx\npdf\nxlsx\ncsv' "$word" ;;
        *) _bcreport_words $'md\nhtml\ndocx\npdf' "$word" ;;
        esac
        ;;
    -l | --level) _bcreport_words $'xa\ntinh\nso' "$word" ;;
    -y | --year) _bcreport_words "$(date +%Y 2>/dev/null)" "$word" ;;
    -e | --escape) _bcreport_words $'html\nmarkdown\nnone' "$word" ;;
    --pdf-engine)
        _bcreport_words $'chromium\nlibreoffice' "$word"
        _bcreport_files "$word"
        ;;
    --from | --header) _bcreport_data_files "$word" ;;
    -T | --templates | -P | --partials) _bcreport_folders "$word" ;;
    -o | --output) _bcreport_files "$word" ;;
    *) return 1 ;;
    esac
    return 0
}

_bcreport()
{
    COMPREPLY=()
    local cword=$COMP_CWORD
    local cur=${COMP_WORDS[cword]}
    local prev=${COMP_WORDS[cword - 1]:-}
    local prev2=${COMP_WORDS[cword - 2]:-}

    # The command: the first word that is neither an option nor the value
    # of --color; words after "--" are files.
    local command="" i word dashdash=false
    for ((i = 1; i < cword; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -- ]]; then
            dashdash=true
        elif [[ $word == --color || $word == --colour ]]; then
            ((i++))
        elif [[ -z $command && $word != -* && $word != = ]]; then
            [[ ${COMP_WORDS[i - 1]} == = ]] || command=$word
        fi
    done

    # A value: "--format md" or "--format=md" (which bash splits into
    # "--format", "=", "md" unless COMP_WORDBREAKS lacks "=").
    if ! $dashdash; then
        if [[ $cur == --*=* ]]; then
            local option=${cur%%=*}
            local value=${cur#*=}
            if _bcreport_value "$command" "$option" "$value"; then
                # the word replaced is the whole "--option=value" when "="
                # does not break words
                [[ $COMP_WORDBREAKS == *=* ]] ||
                    COMPREPLY=("${COMPREPLY[@]/#/$option=}")
                return 0
            fi
        elif [[ $cur == = ]] && _bcreport_value "$command" "$prev" ""; then
            return 0
        elif [[ $prev == = ]] && _bcreport_value "$command" "$prev2" "$cur"
        then
            return 0
        elif [[ $prev == -* ]] && _bcreport_value "$command" "$prev" "$cur"
        then
            return 0
        fi
    fi

    local globals=$'-h\n--help\n-V\n--version\n--color=\n--colour=\n-q\n--quiet'
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            _bcreport_words "$globals" "$cur"
        else
            _bcreport_words $'new\ninit\nbuild\ncheck\nsummary\ndump\nrender\nschema\nhelp' "$cur"
        fi
    elif [[ $cur == -* ]] && ! $dashdash; then
        _bcreport_words "$(_bcreport_options "$command")" "$cur"
        # no space after "--option=": its value follows
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] &&
            compopt -o nospace 2>/dev/null
    else
        case $command in
        build | check | dump | summary) _bcreport_data_files "$cur" ;;
        render) _bcreport_files "$cur" ;;
        help)
            [[ $prev == help ]] &&
                _bcreport_words $'new\ninit\nbuild\ncheck\nsummary\ndump\nrender\nschema' "$cur"
            ;;
        esac
    fi
    return 0
}

complete -F _bcreport bcreport
