#pragma once
// Where the tests find the build's programs and the source tree. The paths are compiled into
// tests/support/build_paths.cpp only: every other test source compiles to the same command in any clone, so
// ccache (CMakeLists.txt) reuses a build made in another folder.

namespace layerlab::test {

const char* cliExecutable();     // build/app/layerlab-cli
const char* studioExecutable();  // build/app/layerlab ("" when the studio is not built)
const char* resourcesDir();      // <source>/resources
const char* testsDir();          // <source>/tests

}  // namespace layerlab::test

#define LAYERLAB_CLI (::layerlab::test::cliExecutable())
#define LAYERLAB_STUDIO (::layerlab::test::studioExecutable())
#define LAYERLAB_RESOURCES (::layerlab::test::resourcesDir())
#define LAYERLAB_TESTS_DIR (::layerlab::test::testsDir())
