/*
 * whosaid index: the quotation index subcommand (cli/index.c).
 */
#ifndef WHOSAID_CLI_INDEX_H
#define WHOSAID_CLI_INDEX_H

/* argv[0] is "index"; returns the exit status. */
int whosaid_index_main(int argc, char **argv);

#endif
