/* ctlcli: `vyoma ctl SOCK LINE...`, the control socket's command-line client. */
#ifndef VYOMA_CTLCLI_H
#define VYOMA_CTLCLI_H

/* What a sent line waits for: kind 0 (a message: nothing), 1 (a command,
 * `@supervisor: ok <verb>` or `@supervisor: error: ...`), 2 (a test verb,
 * `VYOMA_TEST:ok <verb>` or `VYOMA_TEST:error ...`). */
struct ctlcli_wait {
	int kind;
	char verb[32];
};

/* Fill w for the line sent: 1 (an answer will come), 0 (none), -1 (a
 * command or test line with no verb). Pure. */
int ctlcli_expect(const char *sent, struct ctlcli_wait *w);

enum ctlcli_verdict {
	CTLCLI_OTHER, /* not part of the answer */
	CTLCLI_PART,  /* a line of the answer, more to come */
	CTLCLI_OK,    /* the answer's last line: ok */
	CTLCLI_ERROR, /* the answer's last line: an error */
};
/* Where a received line stands; *text is the line without the answer's
 * prefix (the whole line for CTLCLI_OTHER). Pure. */
enum ctlcli_verdict ctlcli_answer(const struct ctlcli_wait *w, const char *line, const char **text);

/* argv: SOCK LINE...; the exit status (0, 1 an error answer, 2 failure). */
int ctlcli_main(int argc, char **argv);

#endif
