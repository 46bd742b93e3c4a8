# CPack runs this after installing into its staging folder and before it packs
# (CPACK_PRE_BUILD_SCRIPTS): Debian's policy (12.1) wants man pages compressed
# with `gzip -9n`, so the package carries closecoach.1.gz; `cmake --install`
# keeps closecoach.1 as the contract says.
file(GLOB_RECURSE pages "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/man/man*/*.[1-9]")
foreach(page IN LISTS pages)
  execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip -9n ${page} failed (${status})")
  endif()
endforeach()
