//! grep for WASI: prints the lines of each file that contain PATTERN, as `file:number:line`.
//! Files are guest paths under a preopened directory (`--dir testdata::/data` makes
//! /data/poem.txt readable). GREP_IGNORE_CASE=1 matches regardless of ASCII case.
//! Exit status as grep's: 0 when a line matched, 1 when none did, 2 on an error.
const std = @import("std");

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    const args = try init.minimal.args.toSlice(init.arena.allocator());

    // Streaming writers: stdio may be a pipe, and Node's WASI fails positional writes to one in a way
    // the default writer does not fall back from.
    var out_buf: [4096]u8 = undefined;
    var stdout = std.Io.File.stdout().writerStreaming(io, &out_buf);
    const out = &stdout.interface;
    defer out.flush() catch {};
    var err_buf: [512]u8 = undefined;
    var stderr = std.Io.File.stderr().writerStreaming(io, &err_buf);
    const err = &stderr.interface;
    defer err.flush() catch {};

    if (args.len < 3) {
        try err.print("usage: grep PATTERN FILE...\n", .{});
        return 2;
    }
    const pattern = args[1];
    const ignore_case = if (init.environ_map.get("GREP_IGNORE_CASE")) |v| std.mem.eql(u8, v, "1") else false;

    var status: u8 = 1;
    for (args[2..]) |path| {
        const file = open(io, &init.preopens, path) catch |e| {
            try err.print("grep: {s}: {t}\n", .{ path, e });
            status = 2;
            continue;
        };
        defer file.close(io);
        var in_buf: [4096]u8 = undefined;
        var reader = file.reader(io, &in_buf);
        var number: usize = 0;
        while (reader.interface.takeDelimiter('\n') catch |e| {
            try err.print("grep: {s}: {t}\n", .{ path, e });
            status = 2;
            break;
        }) |line| {
            number += 1;
            const found = if (ignore_case)
                std.ascii.findIgnoreCase(line, pattern) != null
            else
                std.mem.find(u8, line, pattern) != null;
            if (found) {
                try out.print("{s}:{d}:{s}\n", .{ path, number, line });
                if (status == 1) status = 0;
            }
        }
    }
    return status;
}

/// Opens `path` in the preopened directory whose name is its longest prefix.
fn open(io: std.Io, preopens: *const std.process.Preopens, path: []const u8) !std.Io.File {
    var best: ?[]const u8 = null; // the preopen's name...
    var best_len: usize = 0; // ...and its length without a trailing '/'
    for (preopens.map.keys()) |name| {
        const dir = std.mem.trimEnd(u8, name, "/");
        const inside = path.len > dir.len and std.mem.startsWith(u8, path, dir) and path[dir.len] == '/';
        if (inside and (best == null or dir.len > best_len)) {
            best = name;
            best_len = dir.len;
        }
    }
    const name = best orelse return error.FileNotFound;
    return switch (preopens.get(name).?) {
        .dir => |dir| dir.openFile(io, path[best_len + 1 ..], .{}),
        .file => error.NotDir,
    };
}
