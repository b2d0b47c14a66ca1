//! A WASI 0.2 command component from Zig: zig builds the wasm32-wasi (preview1) module, the frontend
//! makes it a component with the preview1 command adapter. Prints "<GREETING>, <args>!".
const std = @import("std");

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const args = try init.minimal.args.toSlice(init.arena.allocator());
    var buf: [1024]u8 = undefined;
    var stdout = std.Io.File.stdout().writerStreaming(io, &buf);
    const out = &stdout.interface;
    defer out.flush() catch {};
    const greeting = init.environ_map.get("GREETING") orelse "Hello";
    try out.print("{s}, ", .{greeting});
    if (args.len < 2) try out.writeAll("world");
    for (args[1..], 0..) |arg, i| {
        if (i > 0) try out.writeAll(" ");
        try out.writeAll(arg);
    }
    try out.writeAll("!\n");
}
