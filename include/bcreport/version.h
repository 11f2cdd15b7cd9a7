/* version.h - the version of bcreport. */
#ifndef BC_VERSION_H
#define BC_VERSION_H

#define BC_VERSION "0.1.0"

#endif
