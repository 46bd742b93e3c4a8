#include "settings.hpp"

#include <closecoach/json_text.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "cli.hpp"

namespace closecoach::cli {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

[[noreturn]] void config_error(const std::string& path, std::string_view text,
                               const std::string& pointer, std::string message) {
  Diagnostic diagnostic = make_error(std::move(message));
  diagnostic.file = path;
  const JsonLocator locator(text);
  const TextPosition at = locator.locate(pointer);
  diagnostic.line = at.line;
  diagnostic.column = at.column;
  throw Failure(diagnostic);
}

}  // namespace

std::string config_file_path() {
  std::string home = environment("XDG_CONFIG_HOME");
  if (!home.empty() && std::filesystem::path(home).is_absolute())
    return (std::filesystem::path(home) / "closecoach" / "config.json").string();
  home = environment("HOME");
  if (home.empty()) return {};
  return (std::filesystem::path(home) / ".config" / "closecoach" / "config.json").string();
}

ConfigFile read_config_file() {
  ConfigFile config;
  config.path = config_file_path();
  if (config.path.empty()) return config;
  std::error_code error;
  if (!std::filesystem::exists(config.path, error)) return config;
  auto text = read_text_file(config.path, "a config file");
  if (!text.ok()) throw Failure(text.error());
  auto json = parse_json(*text, config.path);
  if (!json.ok()) throw Failure(json.error());
  if (!json->is_object())
    config_error(config.path, *text, "", "the config file must be a JSON object");
  for (const auto& [key, value] : json->items()) {
    const std::string pointer = fmt::format("/{}", json_pointer_token(key));
    std::string* field = key == "playbook"  ? &config.playbook
                         : key == "lang"    ? &config.lang
                         : key == "profile" ? &config.profile
                                            : nullptr;
    if (field == nullptr)
      config_error(config.path, *text, pointer,
                   fmt::format("unknown key '{}' (known: playbook, lang, profile)", key));
    if (!value.is_string() || value.get<std::string>().empty())
      config_error(config.path, *text, pointer,
                   fmt::format("'{}' must be a string that is not empty", key));
    *field = value.get<std::string>();
  }
  if (!config.lang.empty() && config.lang != "en" && config.lang != "zh" && config.lang != "ru")
    config_error(config.path, *text, "/lang",
                 fmt::format("lang: '{}' is not one of en, zh, ru", config.lang));
  if (!config.playbook.empty() && std::filesystem::path(config.playbook).is_relative())
    config.playbook = (std::filesystem::path(config.path).parent_path() / config.playbook).string();
  return config;
}

PlaybookChoice choose_playbook(const std::string& given) {
  if (!given.empty()) return {given, {}};
  const std::string variable = environment("CLOSECOACH_PLAYBOOK");
  if (!variable.empty()) return {variable, "$CLOSECOACH_PLAYBOOK"};
  ConfigFile config = read_config_file();
  if (!config.playbook.empty()) return {config.playbook, config.path};
  return {};
}

std::string choose_lang(const std::string& given) {
  if (!given.empty()) return given;
  return read_config_file().lang;
}

std::string choose_profile(const std::string& given) {
  if (!given.empty()) return given;
  return read_config_file().profile;
}

}  // namespace closecoach::cli
