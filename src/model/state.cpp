// SPDX-License-Identifier: Apache-2.0
#include "model/state.hpp"

#include "util/text.hpp"

namespace mip {

namespace {

struct Spelling {
    std::string_view text;
    State state;
};

// PreImporting, Sorting, IndexBuilding and Retry are internal Milvus phases
// that leak through some server versions; all of them mean "running".
constexpr Spelling kSpellings[] = {
    {"Pending", State::Pending},           {"Importing", State::Importing},    {"InProgress", State::Importing},
    {"ImportRunning", State::Importing},   {"PreImporting", State::Importing}, {"Sorting", State::Importing},
    {"IndexBuilding", State::Importing},   {"Retry", State::Importing},        {"Completed", State::Completed},
    {"ImportCompleted", State::Completed}, {"Failed", State::Failed},          {"ImportFailed", State::Failed},
    {"Uncommitted", State::Uncommitted},   {"Committing", State::Committing},
};

// Same length assumed.
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    for (size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

}  // namespace

StateText classify_state(std::string_view text) {
    for (const Spelling &s : kSpellings) {
        if (text.size() != s.text.size()) continue;
        if (text == s.text) return {s.state, s.text.data()};  // the table's literals are NUL-terminated
        if (equal_ignoring_case(text, s.text)) return {s.state, nullptr};
    }
    return {State::Unknown, nullptr};
}

const char *state_name(State state) {
    switch (state) {
        case State::Unknown: return "Unknown";
        case State::Pending: return "Pending";
        case State::Importing: return "Importing";
        case State::Completed: return "Completed";
        case State::Failed: return "Failed";
        case State::Uncommitted: return "Uncommitted";
        case State::Committing: return "Committing";
    }
    return "Unknown";
}

bool is_terminal(State state) {
    return state == State::Completed || state == State::Failed || state == State::Uncommitted;
}

}  // namespace mip
