# The portable build's promise, checked on the built files (ctest isa_symbols): no AVX-512 instruction can
# run on the baseline path (core/kernels/gemm.h).
#  1. The AVX-512 copy of the kernels (OBJECTS) has AVX-512 code only inside its renamed namespaces. A helper
#     the compiler left out of line outside them (std::max<long> at -O0, std::bad_alloc's constructor under
#     clang's ASan) is a weak symbol the linker may pick for the baseline too: such a helper is listed, and
#     fails the test if it holds an AVX-512 instruction.
#  2. In the executable (BINARY), every function with an AVX-512 instruction is in those namespaces, and
#     there is at least one (the AVX-512 copy is linked in).
# Holds for every build type and for sanitizer builds (their instrumentation is compiled for each copy's ISA).
# Usage: cmake -DNM=... -DOBJDUMP=... -DGREP=... -DOBJECTS="a.o;b.o" -DBINARY=... -P isa_symbols.cmake
set(ours "LayerLabEigenAvx512|layerlab::avx512")
# An AVX-512 instruction: EVEX-encoded (first opcode byte 62 in 64-bit mode, after any address-size or
# segment prefix; at least 6 bytes, so not a stray data byte objdump shows as "(bad)"), or one naming a
# 512-bit register, an opmask register (VEX-encoded k instructions and masking) or one of the registers 16-31
# that only EVEX can reach.
set(evex ":\t((26|2e|36|3e|64|65|67) )*62( [0-9a-f][0-9a-f]){5}")
set(regs "%zmm|%k[0-7]|%[xy]mm(1[6-9]|2[0-9]|3[01])")

# Scans FILE's disassembly; fails on an AVX-512 instruction outside our namespaces, sets OUT to the number
# inside them. grep keeps only the function headers and the AVX-512 lines (a sanitizer build's disassembly is
# over a million lines).
function(scan file out)
  execute_process(COMMAND ${OBJDUMP} -d -C --insn-width=15 ${file}
                  COMMAND ${GREP} -E "^[0-9a-f]+ <|${evex}|${regs}"
                  OUTPUT_VARIABLE code RESULTS_VARIABLE rcs)
  list(GET rcs 0 rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump failed on ${file}")
  endif()
  string(REPLACE "\n" ";" code "${code}")
  set(fn "")
  set(wide 0)
  foreach(line ${code})
    if(line MATCHES "^[0-9a-f]+ <(.*)>:$")
      set(fn "${CMAKE_MATCH_1}")
    elseif(NOT fn MATCHES "${ours}")
      message(FATAL_ERROR "${file}: ${fn} has AVX-512 instructions outside the AVX-512 kernels: ${line}")
    else()
      math(EXPR wide "${wide} + 1")
    endif()
  endforeach()
  set(${out} ${wide} PARENT_SCOPE)
endfunction()

foreach(obj ${OBJECTS})
  execute_process(COMMAND ${NM} -C --defined-only ${obj} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" syms "${syms}")
  foreach(line ${syms})
    # Code the linker sees (T, W, i); data (typeinfo, the unwinder's personality pointer, sanitizer globals)
    # holds no instructions.
    if(line MATCHES "^[0-9a-f]* [TWi] " AND NOT line MATCHES "${ours}")
      message(STATUS "shared with the baseline, so it must hold no AVX-512 instruction: ${line}")
    endif()
  endforeach()
  scan(${obj} wide)
  if(wide EQUAL 0)
    message(FATAL_ERROR "${obj}: no AVX-512 instruction at all; is it the AVX-512 copy?")
  endif()
endforeach()
scan(${BINARY} wide)
if(wide EQUAL 0)
  message(FATAL_ERROR "${BINARY}: no AVX-512 instruction at all; the AVX-512 kernels are not linked in")
endif()
message(STATUS "AVX-512 instructions in ${BINARY}, all in the AVX-512 kernels: ${wide}")
