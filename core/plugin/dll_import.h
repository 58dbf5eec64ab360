// One place that knows Boost.DLL's version differences: in 1.74 importing a symbol is
// boost::dll::import, from 1.76 on it is boost::dll::import_symbol.
#pragma once

#include <boost/dll/import.hpp>
#include <boost/dll/shared_library.hpp>
#include <boost/version.hpp>

namespace klaude::core {

// A shared pointer to a data symbol of `library`; it keeps a reference to the library, so the
// code it points into cannot be unloaded while the pointer lives.
template <typename T>
auto import_data_symbol(const boost::dll::shared_library& library, const char* name) {
#if BOOST_VERSION >= 107600
    return boost::dll::import_symbol<T>(library, name);
#else
    return boost::dll::import <T>(library, name);
#endif
}

}  // namespace klaude::core
