# The portable build's two promises, checked on the built files (ctest isa_symbols):
#  1. the AVX-512 copy of the kernels (OBJECTS) defines no global or weak symbol outside its renamed
#     namespaces, so the linker cannot pick AVX-512 code for the baseline path (core/kernels/gemm.h);
#  2. in the executable (BINARY), every function that touches an AVX-512 register is in those namespaces.
# Usage: cmake -DNM=... -DOBJDUMP=... -DOBJECTS="a.o;b.o" -DBINARY=... -P isa_symbols.cmake
set(ours "LayerLabEigenAvx512|layerlab::avx512")
foreach(obj ${OBJECTS})
  execute_process(COMMAND ${NM} -C --defined-only ${obj} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" syms "${syms}")
  foreach(line ${syms})
    # Types in upper case (and u, v, w) are visible to the linker; DW.ref.__gxx_personality_v0 is a pointer
    # to the C++ runtime's unwinder, data only.
    if(line MATCHES "^[0-9a-f]* [A-Zuvw] " AND NOT line MATCHES "${ours}" AND NOT line MATCHES
                                                                              "DW.ref.__gxx_personality_v0")
      message(FATAL_ERROR "the AVX-512 kernels define a symbol the baseline may share: ${line}")
    endif()
  endforeach()
endforeach()
execute_process(COMMAND ${OBJDUMP} -d -C --no-show-raw-insn ${BINARY} OUTPUT_VARIABLE code RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "objdump failed on ${BINARY}")
endif()
string(REPLACE "\n" ";" code "${code}")
set(fn "")
set(wide 0)
foreach(line ${code})
  if(line MATCHES "^[0-9a-f]+ <(.*)>:$")
    set(fn "${CMAKE_MATCH_1}")
  elseif(line MATCHES "%zmm" AND NOT fn MATCHES "${ours}")
    message(FATAL_ERROR "${BINARY}: ${fn} uses AVX-512 registers outside the AVX-512 kernels: ${line}")
  elseif(line MATCHES "%zmm")
    math(EXPR wide "${wide} + 1")
  endif()
endforeach()
message(STATUS "AVX-512 instructions, all in the AVX-512 kernels: ${wide}")
