// SPDX-License-Identifier: Apache-2.0
// A JSON writer that places its own commas: objects, arrays, strings and
// integers, written compactly onto the end of a string. How a string is
// escaped is a parameter, since readers differ: a request's strings are
// written as append_json_string writes them (what the servers read, and
// what scrubbing looks for when a server echoes them); the command line
// also escapes DEL and the C1 controls, which steer terminals.
//
// Header-only, so that the command line, which links only the C API, uses
// this same writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mip {

// Escape: a callable `void(std::string &out, std::string_view text)` that
// appends `text` as a quoted JSON string.
template <class Escape>
class BasicJsonWriter {
public:
    // Writes onto the end of `out`, which must outlive the writer.
    explicit BasicJsonWriter(std::string &out, Escape escape = Escape()) : out_(out), escape_(escape) {}

    BasicJsonWriter &begin_object() { return open('{'); }
    BasicJsonWriter &end_object() { return close('}'); }
    BasicJsonWriter &begin_array() { return open('['); }
    BasicJsonWriter &end_array() { return close(']'); }

    BasicJsonWriter &key(std::string_view name) {
        value(name);
        out_ += ':';
        after_key_ = true;
        return *this;
    }

    BasicJsonWriter &value(std::string_view text) {
        separate();
        escape_(out_, text);
        return *this;
    }

    BasicJsonWriter &value(int64_t number) {
        separate();
        out_ += std::to_string(number);
        return *this;
    }

    BasicJsonWriter &null() {
        separate();
        out_ += "null";
        return *this;
    }

    // A member `name: text`.
    BasicJsonWriter &field(std::string_view name, std::string_view text) { return key(name).value(text); }

private:
    BasicJsonWriter &open(char bracket) {
        separate();
        out_ += bracket;
        ++depth_;
        empty_ |= level_bit();
        return *this;
    }

    BasicJsonWriter &close(char bracket) {
        out_ += bracket;
        empty_ &= ~level_bit();
        --depth_;
        return *this;
    }

    // The bit of the innermost open container. A bit a level, not a stack:
    // writing a body allocates nothing beyond its text. Containers nest at
    // most 64 deep (the documents written here nest three at most).
    uint64_t level_bit() const { return uint64_t{1} << ((depth_ - 1) & 63); }

    // The comma before every member but the first of its container; none
    // between a key and its value.
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (depth_ == 0) return;
        if (!(empty_ & level_bit())) out_ += ',';
        empty_ &= ~level_bit();
    }

    std::string &out_;
    Escape escape_;
    int depth_ = 0;       // containers open
    uint64_t empty_ = 0;  // bit k: the container at depth k+1 has nothing in it yet
    bool after_key_ = false;
};

}  // namespace mip
