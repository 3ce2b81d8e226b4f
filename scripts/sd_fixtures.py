#!/usr/bin/env python3
"""Builds the Stable Diffusion parity fixtures in Tests/SDTests/Fixtures (run by hand, not in CI).

Small random-weight models of both families (SD 1.x: CLIP ViT-L-style text encoder with quick_gelu, epsilon
prediction, conv projections; SD 2.x: gelu, v-prediction, linear projections, "!" padding) are saved in the
diffusers folder layout with float16 weights, beside the reference outputs that diffusers and transformers
compute from exactly those weights (the random weights are rounded to float16 first, then every reference runs
in float32). The Swift tests load the folders through the same code a user's checkpoint goes through.

Also writes the full CLIP tokenizer (vocab.json and merges.txt, rebuilt from the BPE file open_clip ships) with
the reference token ids of a set of awkward prompts.

Set-up, once, in a scratch virtual environment (nothing here is needed by the build or the test suite):
    python3 -m venv /opt/sdref && /opt/sdref/bin/pip install torch diffusers transformers safetensors ftfy regex
    pip download --no-deps open_clip_torch -d /tmp/oc   # only for its bpe_simple_vocab_16e6.txt.gz
Run:
    /opt/sdref/bin/python scripts/sd_fixtures.py --bpe PATH/bpe_simple_vocab_16e6.txt.gz
"""
import argparse
import gzip
import json
import os
import shutil

import numpy as np
import torch
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SDTests", "Fixtures")

TRICKY_PROMPTS = [
    "a photo of a cat",
    "A Photo Of A CAT!!!",
    "wide shot, horse galloping on the beach at sunset; 35mm, f/1.8 -- cinematic",
    "don't stop: it's   the   end...   (really)",
    "café crème brûlée naïve façade",
    "東京の夜景 and 北京",
    "emoji 🐴🌅 horse 👍🏽",
    "tabs\tand\nnewlines",
    "numbers 1234567 3.14159 2nd 10x",
    "",
    " ".join(["very long prompt with many words"] * 20),
    "&amp; html &lt;escaped&gt; text",
]


def bytes_to_unicode():
    """CLIP's reversible byte-to-printable-character table (GPT-2's)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def clip_vocab(bpe_path, merge_count=None):
    """vocab and merges as CLIP builds them: bytes, bytes+</w>, merges in order, then the two special tokens."""
    lines = gzip.open(bpe_path).read().decode("utf-8").split("\n")
    merges = [tuple(m.split()) for m in lines[1:49152 - 256 - 2 + 1]]
    if merge_count is not None:
        merges = merges[:merge_count]
    chars = list(bytes_to_unicode().values())
    vocab = chars + [c + "</w>" for c in chars] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
    return {t: i for i, t in enumerate(vocab)}, merges


def write_tokenizer(folder, vocab, merges, pad):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")
    with open(os.path.join(folder, "special_tokens_map.json"), "w") as f:
        json.dump({"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
                   "pad_token": pad}, f)
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "CLIPTokenizer", "model_max_length": 77, "do_lower_case": True,
                   "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
                   "pad_token": pad}, f)
    from transformers import CLIPTokenizer
    return CLIPTokenizer.from_pretrained(folder)


def round_to_half(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(p.half().float())
    return module


def randomise(module, seed, scale=None):
    """Random weights with enough spread that every layer matters (default inits leave some layers at zero)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel() if p.dim() > 1 else p.numel()
                p.copy_(torch.randn(p.shape, generator=g) / np.sqrt(fan_in) * (scale or 1.0))
    return round_to_half(module)


def save_module(module, folder, filename):
    os.makedirs(folder, exist_ok=True)
    module.save_pretrained(folder, safe_serialization=True)
    # save_pretrained writes float32; rewrite the weights file as float16 (the values are exactly representable).
    from safetensors.torch import load_file, save_file as save_torch
    path = os.path.join(folder, filename)
    tensors = load_file(path)
    save_torch({k: v.half().contiguous() for k, v in tensors.items()}, path)


def arr(t):
    return np.ascontiguousarray(t.detach().float().numpy())


def build_family(family, tiny_vocab, tiny_merges):
    from diffusers import (AutoencoderKL, AutoencoderTiny, EulerDiscreteScheduler, StableDiffusionPipeline,
                           UNet2DConditionModel)
    from transformers import CLIPTextConfig, CLIPTextModel

    sd2 = family == "sd2"
    root = os.path.join(OUT, f"tiny-{family}")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    seed = 2 if sd2 else 1
    pad = "!" if sd2 else "<|endoftext|>"
    tokenizer = write_tokenizer(os.path.join(root, "tokenizer"), tiny_vocab, tiny_merges, pad)

    text_config = CLIPTextConfig(vocab_size=len(tiny_vocab), hidden_size=32, intermediate_size=48,
                                 num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=77,
                                 hidden_act="gelu" if sd2 else "quick_gelu", layer_norm_eps=1e-5,
                                 bos_token_id=tiny_vocab["<|startoftext|>"], eos_token_id=tiny_vocab["<|endoftext|>"],
                                 pad_token_id=tiny_vocab["!"] if sd2 else tiny_vocab["<|endoftext|>"],
                                 projection_dim=32)
    text_encoder = randomise(CLIPTextModel(text_config).eval(), seed * 10 + 1)
    save_module(text_encoder, os.path.join(root, "text_encoder"), "model.safetensors")

    unet = UNet2DConditionModel(
        sample_size=16, in_channels=4, out_channels=4, layers_per_block=2 if not sd2 else 1,
        block_out_channels=(32, 32, 64),
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32, norm_num_groups=8,
        attention_head_dim=(2, 4, 4) if sd2 else 4,
        use_linear_projection=sd2, upcast_attention=sd2,
    ).eval()
    randomise(unet, seed * 10 + 2)
    save_module(unet, os.path.join(root, "unet"), "diffusion_pytorch_model.safetensors")

    vae = AutoencoderKL(in_channels=3, out_channels=3, latent_channels=4, layers_per_block=1, norm_num_groups=8,
                        block_out_channels=(16, 16, 32, 32),
                        down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
                        sample_size=128, scaling_factor=0.18215).eval()
    randomise(vae, seed * 10 + 3)
    save_module(vae, os.path.join(root, "vae"), "diffusion_pytorch_model.safetensors")

    taesd = AutoencoderTiny(encoder_block_out_channels=(16, 16, 16, 16), decoder_block_out_channels=(16, 16, 16, 16),
                            latent_channels=4).eval()
    randomise(taesd, seed * 10 + 4)
    save_module(taesd, os.path.join(root, "vae_tiny"), "diffusion_pytorch_model.safetensors")

    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                       num_train_timesteps=1000, steps_offset=1, timestep_spacing="leading",
                                       prediction_type="v_prediction" if sd2 else "epsilon")
    scheduler.save_pretrained(os.path.join(root, "scheduler"))
    with open(os.path.join(root, "model_index.json"), "w") as f:
        json.dump({"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.42.1",
                   "text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
                   "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"],
                   "scheduler": ["diffusers", "EulerDiscreteScheduler"]}, f, indent=2)

    refs = {}
    g = torch.Generator().manual_seed(seed * 100)
    prompt, negative = "a horse on the beach at sunset", ""
    with torch.no_grad():
        ids = tokenizer([prompt, negative], padding="max_length", max_length=77, truncation=True,
                        return_tensors="pt").input_ids
        refs["text.ids"] = ids.numpy().astype(np.int32)
        emb = text_encoder(ids)[0]
        refs["text.embeddings"] = arr(emb)

        x = torch.randn((2, 4, 16, 16), generator=g)
        refs["unet.sample"] = arr(x)
        refs["unet.timesteps"] = np.array([981.0, 421.5], dtype=np.float32)
        out = torch.cat([unet(x[i:i + 1], torch.tensor(float(t)), encoder_hidden_states=emb[i:i + 1]).sample
                         for i, t in enumerate([981.0, 421.5])])
        refs["unet.output"] = arr(out)
        # Batch of two at one timestep (what classifier-free guidance runs).
        refs["unet.batch_output"] = arr(unet(x, torch.tensor(501.0), encoder_hidden_states=emb).sample)

        latent = torch.randn((1, 4, 16, 16), generator=g)
        refs["vae.latent"] = arr(latent)
        refs["vae.decoded"] = arr(vae.decode(latent).sample)
        image = torch.rand((1, 3, 128, 128), generator=g) * 2 - 1
        refs["vae.image"] = arr(image)
        refs["vae.encoded_mean"] = arr(vae.encode(image).latent_dist.mean)
        refs["taesd.decoded"] = arr(taesd.decode(latent).sample)

        # A 2-step Euler pipeline run from fixed noise, guidance 7.5. The pipeline multiplies the noise by
        # init_noise_sigma; hand it noise pre-divided so its starting latent is sigma_max * noise, the
        # k-diffusion convention Storyreel samples with.
        pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                       scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                       requires_safety_checker=False)
        pipe.set_progress_bar_config(disable=True)
        noise = torch.randn((1, 4, 16, 16), generator=g)
        refs["pipeline.noise"] = arr(noise)
        # The same noise as numpy writes it, for `storyreel render --noise`.
        np.save(os.path.join(root, "pipeline-noise.npy"), arr(noise))
        scheduler.set_timesteps(2)
        sigma_max = float(scheduler.sigmas[0])
        start = noise * sigma_max / float(scheduler.init_noise_sigma)
        image = pipe(prompt, negative_prompt=negative, num_inference_steps=2, guidance_scale=7.5, latents=start,
                     output_type="np", height=128, width=128).images[0]
        refs["pipeline.image"] = np.ascontiguousarray(image.astype(np.float32))
        refs["pipeline.sigmas"] = np.array(scheduler.sigmas, dtype=np.float32)
        refs["pipeline.timesteps"] = np.array(scheduler.timesteps, dtype=np.float32)
    save_file(refs, os.path.join(root, "reference.safetensors"))
    with open(os.path.join(root, "reference.json"), "w") as f:
        json.dump({"prompt": prompt, "negative": negative, "guidance": 7.5, "steps": 2, "width": 128, "height": 128,
                   "sampler": "euler", "spacing": "leading"}, f, indent=2)
    print(family, {k: tuple(v.shape) for k, v in refs.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bpe", required=True, help="bpe_simple_vocab_16e6.txt.gz (from the open_clip_torch wheel)")
    args = parser.parse_args()
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)

    # The full CLIP tokenizer and reference ids for awkward prompts.
    vocab, merges = clip_vocab(args.bpe)
    folder = os.path.join(OUT, "clip-tokenizer")
    tokenizer = write_tokenizer(folder, vocab, merges, "<|endoftext|>")
    cases = []
    for p in TRICKY_PROMPTS:
        ids = tokenizer(p, padding="max_length", max_length=77, truncation=True).input_ids
        cases.append({"prompt": p, "ids": ids})
    sd2_tokenizer = write_tokenizer(os.path.join(OUT, "clip-tokenizer-pad"), vocab, merges, "!")
    for case in cases:
        case["ids_pad_bang"] = sd2_tokenizer(case["prompt"], padding="max_length", max_length=77,
                                             truncation=True).input_ids
    shutil.rmtree(os.path.join(OUT, "clip-tokenizer-pad"))
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        os.remove(os.path.join(folder, name))
    with open(os.path.join(OUT, "tokenizer-cases.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)

    tiny_vocab, tiny_merges = clip_vocab(args.bpe, merge_count=1000 - 512 - 2)
    build_family("sd1", tiny_vocab, tiny_merges)
    build_family("sd2", tiny_vocab, tiny_merges)


if __name__ == "__main__":
    main()
