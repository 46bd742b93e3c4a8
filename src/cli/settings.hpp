#pragma once
// The defaults a user or a team sets once instead of on every call, resolved
// in this one place for every command:
//   command line > environment > config file > built-in.
// The environment is $CLOSECOACH_PLAYBOOK; the config file is
// $XDG_CONFIG_HOME/closecoach/config.json (else ~/.config/closecoach/config.json),
// a JSON object with the keys "playbook", "lang" and "profile", each optional.

#include <string>

namespace closecoach::cli {

// The config file's path ("" when neither XDG_CONFIG_HOME nor HOME is set).
std::string config_file_path();

// What the config file says; all empty when there is no file. Throws Failure
// (exit 2) for a file that is no JSON object, an unknown key or a bad value,
// located FILE:LINE:COLUMN. A relative "playbook" is relative to the file's folder.
struct ConfigFile {
  std::string path;
  std::string playbook;
  std::string lang;
  std::string profile;
};
ConfigFile read_config_file();

// The playbook to use and who chose it.
struct PlaybookChoice {
  std::string path;  // "" for the built-in playbook
  std::string from;  // "" (command line or built-in), "$CLOSECOACH_PLAYBOOK" or the config file
};

// `given` (--playbook or FILE) when not empty, else $CLOSECOACH_PLAYBOOK when
// set and not empty, else the config file's "playbook", else the built-in.
PlaybookChoice choose_playbook(const std::string& given);

// `given` (--lang) when not empty, else the config file's "lang", else "".
std::string choose_lang(const std::string& given);

// `given` (--profile) when not empty, else the config file's "profile", else "".
std::string choose_profile(const std::string& given);

}  // namespace closecoach::cli
