/* vyoma_compat.h: the SDK 1 names, kept for one round (DEPRECATED).
 *
 * SDK 2 gave every area one prefix (vy_draw_*, vy_fs_*, vy_net_*, vy_msg_*,
 * vy_sys_*, vy_time_*, vy_str_*, ...; docs/sdk.md, "Migrating from SDK 1").
 * apps/shell and apps/store still use the old names; once they move, this
 * header goes. Included by vyoma.h; new code must not use these names. */
#ifndef VYOMA_COMPAT_H
#define VYOMA_COMPAT_H

#define vy_clear vy_draw_clear
#define vy_fill_rect vy_draw_fill
#define vy_rect vy_draw_rect
#define vy_pixel vy_draw_pixel
#define vy_blit vy_draw_blit
#define vy_flush_frame vy_draw_flush
#define vy_file_read_at vy_fs_read_at
#define vy_file_read vy_fs_read
#define vy_file_write vy_fs_write
#define vy_file_save vy_fs_save
#define vy_file_rename vy_fs_rename
#define vy_file_delete vy_fs_delete
#define vy_file_stat vy_fs_stat
#define vy_mkdir vy_fs_mkdir
#define vy_rmdir vy_fs_rmdir
#define vy_dir_list vy_fs_list
#define vy_dir_fn vy_fs_list_fn
#define vy_tcp_listen vy_net_listen
#define vy_tcp_local_port vy_net_local_port
#define vy_tcp_accept vy_net_accept
#define vy_tcp_connect vy_net_connect
#define vy_tcp_read vy_net_read
#define vy_tcp_write vy_net_write
#define vy_tcp_close vy_net_close
#define vy_tcp_watch vy_net_watch
#define vy_tcp_unwatch vy_net_unwatch
#define vy_resolve vy_net_resolve
#define vy_send vy_msg_send
#define vy_broadcast vy_msg_broadcast
#define vy_answer vy_msg_answer
#define vy_command vy_sys_command
#define vy_ready vy_sys_ready
#define vy_exit vy_sys_exit
#define vy_now_ms vy_time_ms
#define vy_now_ns vy_time_ns
#define vy_wall_time vy_time_wall
#define vy_sleep_ms vy_time_sleep
#define vy_random_below vy_rand_below
#define vy_random vy_rand
#define vy_starts_with vy_str_starts
#define vy_atoll vy_str_atoll
#define vy_strlcpy vy_str_copy
#define vy_skip_space vy_str_skip_space
#define vy_word vy_str_word
#define vy_alloc vy_mem_alloc
#define vy_free vy_mem_free

/* SDK 1's vy_wait reported the supervisor's error lines as
 * VY_EV_SUPERVISOR; SDK 2's vy_ev_wait reports them as VY_EV_ERROR. */
enum vy_ev_type sdk_compat_wait(struct vy_event *ev, int64_t timeout_ms);
#define vy_wait sdk_compat_wait
#define vy_reply vy_msg_reply_latest
/* SDK 1 gave error names; SDK 2 gives enum vy_err (vy_err_str names it). */
#define vy_fs_error() vy_err_str(vy_fs_err())
#define vy_net_error() vy_err_str(vy_net_err())

#endif
