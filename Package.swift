// swift-tools-version: 6.0
import PackageDescription

// Layering, see ../shared/DESIGN.md: a module imports only from the lines below its own, and Package.swift declares
// exactly what each target's sources import (scripts/check-package-graph, run by `make test`, holds it to both).
//   StoryreelCLI (the storyreel executable)
//   StudioTerminal (the live ncurses studio)
//   Export, Studio (the studio's pure state, reducer and views)
//   Render, Interchange, Terminal
//   Sketch, SD, Credentials
//   Drawing (cairo, once), Project
//   Imaging, JSON (the ordered writer), TOML
//   Diffusion, Digest, Storage, SafeText (terminal-safe text), Farm, TestSupport (tests only)
//   CStoryreelPNG, CStoryreelCrypto, CCairo, CNcurses, COpenBLAS, CStoryreelMalloc (C wrappers, each once)
//   CLibPNG, COpenSSL (the system libraries under the wrappers)
let package = Package(
    name: "Storyreel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "storyreel", targets: ["StoryreelCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each wrapped once.
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // zlib (which libpng links) is called directly to bound text chunks before libpng inflates them.
        .target(name: "CStoryreelPNG", dependencies: ["CLibPNG"], linkerSettings: [.linkedLibrary("z")]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CStoryreelMalloc"),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "CStoryreelCrypto", dependencies: ["COpenSSL"]),

        // Pure Swift core.
        // Terminal-safe text: the one sanitiser of everything untrusted that reaches a terminal.
        .target(name: "SafeText"),
        // JSON written with ordered keys (what the CLI prints and exports embed).
        .target(name: "JSON", dependencies: ["SafeText"]),
        .target(name: "TOML", dependencies: ["SafeText"]),
        .target(name: "Digest"),
        .target(name: "Storage"),
        .target(name: "Diffusion"),
        .target(name: "Imaging", dependencies: ["CStoryreelPNG"]),
        // cairo wrapped once: canvas, text, PDF pages and the surface ⇄ Frame conversion.
        .target(name: "Drawing", dependencies: ["Imaging", "CCairo"]),
        .target(name: "Project", dependencies: ["TOML", "Storage", "Diffusion", "SafeText"]),
        // Content Credentials (C2PA): CBOR, JUMBF and COSE written here; signing and X.509 through OpenSSL.
        .target(name: "Credentials", dependencies: ["CStoryreelCrypto", "Digest", "Storage"]),

        // Models and pipeline.
        .target(name: "Sketch", dependencies: ["Diffusion", "Imaging", "Project", "Drawing", "Digest", "JSON"]),
        // The SD kernels are optimised even in debug builds: unoptimised SIMD code is ~50× slower, and the
        // parity tests run real (if tiny) networks.
        .target(name: "SD", dependencies: ["Diffusion", "Imaging", "Storage", "Digest", "COpenBLAS", "CStoryreelMalloc"],
                resources: [.copy("Resources/clip-merges.txt")],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug)), .unsafeFlags(["-target-cpu", "native"])]),
        .target(name: "Render", dependencies: ["Diffusion", "Imaging", "Project", "Sketch", "SD", "Digest", "Storage", "Credentials", "JSON"]),
        .target(name: "Terminal", dependencies: ["Imaging", "Storage"]),
        // Shot lists (CSV) and edited cuts (OTIO, FCP7 XML, EDL): pure readers and writers of project data.
        .target(name: "Interchange", dependencies: ["Project", "TOML", "Diffusion"]),
        // Render-farm plans and Slurm scripts: pure values; the CLI runs sbatch, squeue and scancel.
        .target(name: "Farm"),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Studio", dependencies: ["Project", "TOML", "Imaging", "SafeText"]),
        .target(name: "StudioTerminal", dependencies: ["Studio", "CNcurses", "Render", "Project", "Imaging", "Terminal", "Storage", "Export"]),
        .target(name: "Export", dependencies: ["Interchange", "Render", "Project", "Imaging", "Storage", "Digest", "Drawing", "Credentials", "JSON", "SafeText",
                                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .executableTarget(
            name: "StoryreelCLI",
            dependencies: [
                "Render", "Project", "Sketch", "SD", "Imaging", "Terminal", "Storage", "Export", "StudioTerminal", "Farm", "Credentials", "Interchange",
                "Diffusion", "Studio", "JSON", "SafeText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "SafeTextTests", dependencies: ["SafeText", "JSON"]),
        .testTarget(name: "DrawingTests", dependencies: ["Drawing", "Imaging"]),
        .testTarget(name: "ProjectTests", dependencies: ["Project", "TOML", "Diffusion", "TestSupport"]),
        .testTarget(name: "SketchTests", dependencies: ["Sketch", "Diffusion", "Imaging", "Project"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Project", "Imaging", "Storage", "Diffusion", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Imaging", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Interchange", "Export", "Render", "Project", "Imaging", "Digest", "TestSupport"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "Project", "Imaging", "TestSupport"]),
        .testTarget(name: "StudioTerminalTests", dependencies: ["StudioTerminal", "Studio", "Project", "Imaging", "Terminal", "TestSupport"]),
        .testTarget(name: "SDTests", dependencies: ["SD", "Diffusion", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "FarmTests", dependencies: ["Farm"]),
        .testTarget(name: "CLITests", dependencies: ["Imaging", "Render", "Project", "Digest", "Terminal", "SD", "TestSupport"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "Export", "Render", "Project", "Imaging", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
