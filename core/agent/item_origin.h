// Which provider made a conversation item, and what of it another provider may see.
//
// Output items can carry state only their maker understands: a Responses reasoning item's
// `encrypted_content`, an Anthropic thinking block's signature in `provider_state` (ABI 1.1).
// The host tags every output item with the plugin provider that produced it ("origin") when
// it enters the conversation, and before each request withholds that state from every other
// plugin provider: their servers would reject it (or worse, misread it). That is what lets a
// session switch model and provider mid-conversation (/model, --resume with another -m).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace klaude::core {

// `item_json` (an object) with "origin":"<origin>" as its first member. Items are
// megabytes at times: this inserts text, it does not parse. An empty origin leaves the item
// as it is.
std::string tag_origin(std::string_view item_json, std::string_view origin);

// The origin a tagged item names, or "" for an item without one (user messages, tool
// outputs, items saved before tagging existed).
std::string_view item_origin(std::string_view item_json);

// What of `item_json` goes to a request for plugin provider `target`:
//  - an untagged item, or one `target` made: the item, unchanged (nullopt: use it as is);
//  - another provider's reasoning item: nothing (an empty string): private thoughts in a
//    form only their maker can read;
//  - another provider's other items: the item without provider_state, encrypted_content and
//    the origin tag itself, so the text and tool calls still carry over.
std::optional<std::string> item_for_provider(std::string_view item_json, std::string_view target);

}  // namespace klaude::core
