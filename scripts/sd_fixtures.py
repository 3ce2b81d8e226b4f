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

Single files, LoRA and LCM (issue 12), built on the committed folders without rewriting them:
    /opt/sdref/bin/python scripts/sd_fixtures.py --extras --noise PATH/philox-seed12.f32
writes tiny-sdN/single-file.safetensors (each folder, the SD 2.x one without its VAE, converted to the original CompVis/LDM layout by the
converter below, written from the published key correspondence, then read back with diffusers' own
`from_single_file` and required to give exactly the folder's tensors), tiny-sd1/lora-kohya.safetensors and
lora-peft.safetensors (one random LoRA in both key formats) with lora-reference.safetensors (the LoRA merged into
the weights here with numpy, and the 2-step pipeline's image from those weights), and lcm-reference.safetensors
(LCMScheduler's timesteps, and a 4-step LCM run of the tiny SD 1.x model whose per-step noise is Storyreel's own
Philox noise for seed 12, streams 1…7, read from --noise as 7 × 1024 little-endian float32).

AnimateDiff (issue 14), also on the committed tiny-sd1 folder:
    /opt/sdref/bin/python scripts/sd_fixtures.py --animatediff
writes tiny-sd1/motion-adapter/ (a random MotionAdapter, float16), motion-module-original.safetensors (the same
weights in the original AnimateDiff layout, read back with diffusers' MotionAdapter.from_single_file), and
animatediff-reference.safetensors: one temporal transformer of the down and mid blocks as UNetMotionModel inserts
them, the 16-frame motion UNet, and 2-step AnimateDiffPipeline clips (Euler, trailing timesteps, linear betas) with
and without guidance from animatediff-noise.npy ([1, 4, 16, 8, 8]); and odd-size-reference.safetensors (tiny-sd1's
UNet on an 18 × 10 latent, whose sides do not halve evenly).

TCD (issue 12), on the same folder and noise file, without rewriting anything else:
    /opt/sdref/bin/python scripts/sd_fixtures.py --tcd --noise PATH/philox-seed12.f32
writes tiny-sd1/tcd-reference.safetensors: TCDScheduler's timesteps, the timesteps each step of a 4-step run
lands on before re-noising (floor((1 - eta) * t_next), as its step computes them), and that run (eta 0.3, guidance
1.5) with its per-step noise replaced by Storyreel's streams 1…3.
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


# ---- single-file (LDM layout) conversion: diffusers names -> CompVis/LDM names --------------------------------

UNET_RESNET = {"norm1": "in_layers.0", "conv1": "in_layers.2", "time_emb_proj": "emb_layers.1",
               "norm2": "out_layers.0", "conv2": "out_layers.3", "conv_shortcut": "skip_connection"}


def ldm_unet_key(name, layers, up_has_attention):
    """The LDM name of one diffusers UNet tensor (input_blocks / middle_block / output_blocks numbering)."""
    p = name.split(".")
    stride = layers + 1
    if p[0] == "time_embedding":
        return "time_embed." + {"linear_1": "0", "linear_2": "2"}[p[1]] + "." + p[2]
    if p[0] == "conv_in":
        return "input_blocks.0.0." + p[1]
    if p[0] == "conv_norm_out":
        return "out.0." + p[1]
    if p[0] == "conv_out":
        return "out.2." + p[1]

    def resnet(rest):
        return UNET_RESNET[rest[0]] + "." + ".".join(rest[1:])

    if p[0] == "down_blocks":
        i = int(p[1])
        if p[2] == "downsamplers":
            return f"input_blocks.{(i + 1) * stride}.0.op." + ".".join(p[5:])
        j = int(p[3])
        k = 1 + i * stride + j
        if p[2] == "resnets":
            return f"input_blocks.{k}.0." + resnet(p[4:])
        return f"input_blocks.{k}.1." + ".".join(p[4:])
    if p[0] == "mid_block":
        if p[1] == "attentions":
            return "middle_block.1." + ".".join(p[3:])
        return f"middle_block.{0 if p[2] == '0' else 2}." + resnet(p[3:])
    if p[0] == "up_blocks":
        i = int(p[1])
        if p[2] == "upsamplers":
            slot = 2 if up_has_attention[i] else 1
            return f"output_blocks.{i * stride + layers}.{slot}.conv." + ".".join(p[5:])
        k = i * stride + int(p[3])
        if p[2] == "resnets":
            return f"output_blocks.{k}.0." + resnet(p[4:])
        return f"output_blocks.{k}.1." + ".".join(p[4:])
    raise KeyError(name)


def ldm_vae_key(name, levels):
    """The LDM name of one diffusers AutoencoderKL tensor (decoder up blocks numbered the other way round)."""
    p = name.split(".")
    if p[0] in ("quant_conv", "post_quant_conv"):
        return name
    side = p[0]
    if p[1] in ("conv_in", "conv_out"):
        return name
    if p[1] == "conv_norm_out":
        return f"{side}.norm_out." + p[2]

    def resnet(rest):
        return ("nin_shortcut" if rest[0] == "conv_shortcut" else rest[0]) + "." + ".".join(rest[1:])

    if p[1] in ("down_blocks", "up_blocks"):
        i = int(p[2])
        level = i if p[1] == "down_blocks" else levels - 1 - i
        group = "down" if p[1] == "down_blocks" else "up"
        if p[3] == "resnets":
            return f"{side}.{group}.{level}.block.{p[4]}." + resnet(p[5:])
        sampler = "downsample" if p[3] == "downsamplers" else "upsample"
        return f"{side}.{group}.{level}.{sampler}." + ".".join(p[5:])
    if p[1] == "mid_block":
        if p[2] == "resnets":
            return f"{side}.mid.block_{int(p[3]) + 1}." + resnet(p[4:])
        table = {"group_norm": "norm", "to_q": "q", "to_k": "k", "to_v": "v", "to_out": "proj_out"}
        leaf = p[-1]
        return f"{side}.mid.attn_1.{table[p[4]]}.{leaf}"
    raise KeyError(name)


def to_single_file(family):
    """Converts the committed tiny folder to one LDM-layout file; returns its path."""
    from safetensors.numpy import load_file
    root = os.path.join(OUT, f"tiny-{family}")
    unet_cfg = json.load(open(os.path.join(root, "unet", "config.json")))
    vae_cfg = json.load(open(os.path.join(root, "vae", "config.json")))
    layers = unet_cfg["layers_per_block"]
    up_attn = [t == "CrossAttnUpBlock2D" for t in unet_cfg["up_block_types"]]
    out = {}
    for k, v in load_file(os.path.join(root, "unet", "diffusion_pytorch_model.safetensors")).items():
        out["model.diffusion_model." + ldm_unet_key(k, layers, up_attn)] = v
    levels = len(vae_cfg["block_out_channels"])
    # The SD 2.x file ships without its autoencoder, as "no-VAE" checkpoints do (tests pass vae = the folder's).
    for k, v in [] if family == "sd2" else load_file(os.path.join(root, "vae", "diffusion_pytorch_model.safetensors")).items():
        key = ldm_vae_key(k, levels)
        if ".mid.attn_1." in key and key.endswith("weight") and v.ndim == 2:
            v = v.reshape(v.shape + (1, 1))  # LDM keeps these projections as 1x1 convolutions
        out["first_stage_model." + key] = v
    # transformers writes CLIPTextModel's keys with or without "text_model."; the LDM files always have it.
    text = {k if k.startswith("text_model.") else "text_model." + k: v
            for k, v in load_file(os.path.join(root, "text_encoder", "model.safetensors")).items()}
    if family == "sd1":
        for k, v in text.items():
            out["cond_stage_model.transformer." + k] = v
        out["cond_stage_model.transformer.text_model.embeddings.position_ids"] = np.arange(77, dtype=np.int64)[None]
    else:
        pre = "cond_stage_model.model."
        out[pre + "token_embedding.weight"] = text["text_model.embeddings.token_embedding.weight"]
        out[pre + "positional_embedding"] = text["text_model.embeddings.position_embedding.weight"]
        out[pre + "ln_final.weight"] = text["text_model.final_layer_norm.weight"]
        out[pre + "ln_final.bias"] = text["text_model.final_layer_norm.bias"]
        width = out[pre + "token_embedding.weight"].shape[1]
        count = 1 + max(int(k.split(".")[3]) for k in text if ".layers." in k)
        for i in range(count):
            src, dst = f"text_model.encoder.layers.{i}.", f"{pre}transformer.resblocks.{i}."
            for leaf in ("weight", "bias"):
                out[dst + "attn.in_proj_" + leaf] = np.concatenate(
                    [text[src + f"self_attn.{q}_proj.{leaf}"] for q in "qkv"], axis=0)
                for a, b in (("layer_norm1", "ln_1"), ("layer_norm2", "ln_2"), ("self_attn.out_proj", "attn.out_proj"),
                             ("mlp.fc1", "mlp.c_fc"), ("mlp.fc2", "mlp.c_proj")):
                    out[dst + b + "." + leaf] = text[src + a + "." + leaf]
        # SD 2.x conditions on the penultimate layer: the real files carry one more block that is never run.
        g = np.random.default_rng(7)
        last = f"{pre}transformer.resblocks.{count - 1}."
        for k in [k for k in out if k.startswith(last)]:
            out[k.replace(last, f"{pre}transformer.resblocks.{count}.")] = (g.standard_normal(out[k].shape) * 0.1).astype(np.float16)
        out[pre + "text_projection"] = (g.standard_normal((width, width)) / np.sqrt(width)).astype(np.float16)
        out[pre + "logit_scale"] = np.array(4.6052, dtype=np.float16)
    path = os.path.join(root, "single-file.safetensors")
    from safetensors.numpy import save_file as save_np
    save_np({k: np.ascontiguousarray(v) for k, v in out.items()}, path)
    return path


def check_with_diffusers(family, path):
    """diffusers' own single-file loader must read the converted file into exactly the folder's tensors."""
    from diffusers import StableDiffusionPipeline
    root = os.path.join(OUT, f"tiny-{family}")
    folder = StableDiffusionPipeline.from_pretrained(root, safety_checker=None, requires_safety_checker=False)
    extra = {"vae": folder.vae} if family == "sd2" else {}
    single = StableDiffusionPipeline.from_single_file(path, config=root, local_files_only=True, safety_checker=None,
                                                      requires_safety_checker=False, torch_dtype=torch.float16, **extra)
    for part in ("unet", "vae", "text_encoder"):
        a, b = getattr(folder, part).state_dict(), getattr(single, part).state_dict()
        missing = [k for k in a if k not in b and "position_ids" not in k]
        assert not missing, (family, part, missing[:5])
        for k, v in a.items():
            if k in b:
                assert torch.equal(v.half().float(), b[k].float()), (family, part, k)
    print(family, "single file: diffusers' from_single_file gives the folder's tensors exactly")


# ---- LoRA ------------------------------------------------------------------------------------------------------

LORA_MODULES = [  # (component, module, alpha or None); alpha/rank is a power of two so both formats agree bit for bit
    ("unet", "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q", 2.0),
    ("unet", "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k", 2.0),
    ("unet", "down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj", None),
    ("unet", "down_blocks.0.attentions.0.proj_in", 8.0),
    ("unet", "mid_block.attentions.0.transformer_blocks.0.attn1.to_out.0", 2.0),
    ("unet", "up_blocks.2.resnets.0.conv1", 2.0),
    ("unet", "down_blocks.1.resnets.0.conv2", None),
    ("text_encoder", "text_model.encoder.layers.0.self_attn.q_proj", 2.0),
    ("text_encoder", "text_model.encoder.layers.1.mlp.fc1", None),
]
LORA_RANK, LORA_STRENGTH = 4, 0.8


def build_lora():
    """A random kohya LoRA for tiny-sd1 (linear, 1x1 and 3x3 conv modules), the same in PEFT keys, and the
    reference: merged with numpy (W + strength * alpha/rank * up @ down), then the 2-step pipeline image."""
    from diffusers import EulerDiscreteScheduler, StableDiffusionPipeline
    from safetensors.numpy import load_file
    root = os.path.join(OUT, "tiny-sd1")
    pipe = StableDiffusionPipeline.from_pretrained(root, safety_checker=None, requires_safety_checker=False)
    g = np.random.default_rng(12)
    kohya, peft, refs = {}, {}, {}
    for component, module, alpha in LORA_MODULES:
        net = pipe.unet if component == "unet" else pipe.text_encoder
        params = dict(net.named_parameters())
        weight = params.get(module + ".weight", params.get(module.replace("text_model.", "", 1) + ".weight"))
        shape = tuple(weight.shape)
        down_shape = (LORA_RANK,) + shape[1:]
        up_shape = (shape[0], LORA_RANK) + ((1, 1) if len(shape) == 4 else ())
        down = (g.standard_normal(down_shape) / np.sqrt(np.prod(shape[1:]))).astype(np.float16)
        up = (g.standard_normal(up_shape) * 0.5).astype(np.float16)
        scale = (alpha / LORA_RANK) if alpha is not None else 1.0
        flat = module.replace(".", "_")
        prefix = "lora_unet_" if component == "unet" else "lora_te_"
        kohya[f"{prefix}{flat}.lora_down.weight"] = down
        kohya[f"{prefix}{flat}.lora_up.weight"] = up
        if alpha is not None:
            kohya[f"{prefix}{flat}.alpha"] = np.array(alpha, dtype=np.float16)
        peft[f"{component}.{module}.lora_A.weight"] = down
        peft[f"{component}.{module}.lora_B.weight"] = (up.astype(np.float32) * scale).astype(np.float16)
        delta = up.astype(np.float32).reshape(shape[0], LORA_RANK) @ down.astype(np.float32).reshape(LORA_RANK, -1)
        merged = weight.detach().numpy().astype(np.float32) + LORA_STRENGTH * scale * delta.reshape(shape)
        with torch.no_grad():
            weight.copy_(torch.from_numpy(merged))
        refs[f"merged.{component}.{module}.weight"] = merged.astype(np.float32)
    from safetensors.numpy import save_file as save_np
    save_np(kohya, os.path.join(root, "lora-kohya.safetensors"), metadata={"ss_network_dim": str(LORA_RANK)})
    save_np(peft, os.path.join(root, "lora-peft.safetensors"))
    ref = load_file(os.path.join(root, "reference.safetensors"))
    scheduler = EulerDiscreteScheduler.from_pretrained(root, subfolder="scheduler")
    pipe.scheduler = scheduler
    pipe.set_progress_bar_config(disable=True)
    scheduler.set_timesteps(2)
    noise = torch.from_numpy(ref["pipeline.noise"])
    start = noise * float(scheduler.sigmas[0]) / float(scheduler.init_noise_sigma)
    with torch.no_grad():
        image = pipe("a horse on the beach at sunset", negative_prompt="", num_inference_steps=2, guidance_scale=7.5,
                     latents=start, output_type="np", height=128, width=128).images[0]
    refs["lora.image"] = np.ascontiguousarray(image.astype(np.float32))
    save_np(refs, os.path.join(root, "lora-reference.safetensors"),
            metadata={"strength": str(LORA_STRENGTH), "rank": str(LORA_RANK)})
    print("lora", {k: v.shape for k, v in refs.items()})


def build_lcm(noise_path):
    """LCMScheduler's timesteps, and a 4-step LCM run (guidance 1.5) of tiny-sd1 with Storyreel's step noise."""
    import diffusers.schedulers.scheduling_lcm as lcm_module
    from diffusers import LCMScheduler, StableDiffusionPipeline
    from safetensors.numpy import load_file, save_file as save_np
    root = os.path.join(OUT, "tiny-sd1")
    steps_noise = np.fromfile(noise_path, dtype="<f4").reshape(7, 1, 4, 16, 16)
    scheduler = LCMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                             num_train_timesteps=1000, original_inference_steps=50, prediction_type="epsilon")
    refs = {}
    for n in (1, 2, 4, 8):
        scheduler.set_timesteps(n)
        refs[f"lcm.timesteps.{n}"] = scheduler.timesteps.numpy().astype(np.float32)
    pipe = StableDiffusionPipeline.from_pretrained(root, safety_checker=None, requires_safety_checker=False)
    pipe.scheduler = scheduler
    pipe.set_progress_bar_config(disable=True)
    drawn = []

    def storyreel_noise(shape, generator=None, device=None, dtype=None, **kwargs):
        drawn.append(len(drawn))
        return torch.from_numpy(steps_noise[len(drawn) - 1]).to(dtype or torch.float32)

    lcm_module.randn_tensor = storyreel_noise
    ref = load_file(os.path.join(root, "reference.safetensors"))
    noise = ref["pipeline.noise"]
    alphas = scheduler.alphas_cumprod.numpy().astype(np.float64)
    sigma_max = float(np.sqrt((1 - alphas[999]) / alphas[999]))
    # Storyreel starts at sigma_max * noise in the variance-exploding form; the pipeline takes x * sqrt(alpha).
    start = torch.from_numpy(noise) * (sigma_max / np.sqrt(sigma_max ** 2 + 1))
    with torch.no_grad():
        image = pipe("a horse on the beach at sunset", negative_prompt="", num_inference_steps=4, guidance_scale=1.5,
                     latents=start, output_type="np", height=128, width=128).images[0]
    assert len(drawn) == 3, drawn
    refs["lcm.image"] = np.ascontiguousarray(image.astype(np.float32))
    refs["lcm.step_noise"] = np.ascontiguousarray(steps_noise[:3].astype(np.float32))
    save_np(refs, os.path.join(root, "lcm-reference.safetensors"), metadata={"guidance": "1.5", "steps": "4", "seed": "12"})
    print("lcm", {k: v.shape for k, v in refs.items()})


# ---- AnimateDiff (issue 14): a tiny MotionAdapter on tiny-sd1 ------------------------------------------------

def build_tcd(noise_path):
    """TCDScheduler's timesteps, and a 4-step TCD run (eta 0.3, guidance 1.5) of tiny-sd1 with Storyreel's step noise."""
    import diffusers.schedulers.scheduling_tcd as tcd_module
    from diffusers import StableDiffusionPipeline, TCDScheduler
    from safetensors.numpy import load_file, save_file as save_np
    root = os.path.join(OUT, "tiny-sd1")
    eta = 0.3
    steps_noise = np.fromfile(noise_path, dtype="<f4").reshape(7, 1, 4, 16, 16)
    scheduler = TCDScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                             num_train_timesteps=1000, original_inference_steps=50, prediction_type="epsilon")
    refs = {}
    for n in (1, 2, 4, 8):
        scheduler.set_timesteps(n)
        refs[f"tcd.timesteps.{n}"] = scheduler.timesteps.numpy().astype(np.float32)
    # The level each step lands on, by the expression TCDScheduler.step uses (prev_timestep 0 after the last).
    scheduler.set_timesteps(4)
    landing = []
    for i in range(4):
        prev = scheduler.timesteps[i + 1] if i + 1 < 4 else torch.tensor(0)
        landing.append(int(torch.floor((1 - eta) * prev).to(dtype=torch.long)))
    refs["tcd.landing.4"] = np.asarray(landing, dtype=np.float32)
    pipe = StableDiffusionPipeline.from_pretrained(root, safety_checker=None, requires_safety_checker=False)
    pipe.scheduler = scheduler
    pipe.set_progress_bar_config(disable=True)
    drawn = []

    def storyreel_noise(shape, generator=None, device=None, dtype=None, **kwargs):
        drawn.append(len(drawn))
        return torch.from_numpy(steps_noise[len(drawn) - 1]).to(dtype or torch.float32)

    tcd_module.randn_tensor = storyreel_noise
    ref = load_file(os.path.join(root, "reference.safetensors"))
    noise = ref["pipeline.noise"]
    alphas = scheduler.alphas_cumprod.numpy().astype(np.float64)
    sigma_max = float(np.sqrt((1 - alphas[999]) / alphas[999]))
    # Storyreel starts at sigma_max * noise in the variance-exploding form; the pipeline takes x * sqrt(alpha).
    start = torch.from_numpy(noise) * (sigma_max / np.sqrt(sigma_max ** 2 + 1))
    with torch.no_grad():
        # The pipeline's own eta defaults to 0 (deterministic); TCD's authors run with 0.3.
        image = pipe("a horse on the beach at sunset", negative_prompt="", num_inference_steps=4, guidance_scale=1.5,
                     eta=eta, latents=start, output_type="np", height=128, width=128).images[0]
    assert len(drawn) == 3, drawn
    refs["tcd.image"] = np.ascontiguousarray(image.astype(np.float32))
    refs["tcd.step_noise"] = np.ascontiguousarray(steps_noise[:3].astype(np.float32))
    save_np(refs, os.path.join(root, "tcd-reference.safetensors"),
            metadata={"guidance": "1.5", "steps": "4", "seed": "12", "eta": str(eta)})
    print("tcd", {k: v.shape for k, v in refs.items()}, "landing", landing)


def original_motion_key(name):
    """diffusers MotionAdapter name -> the original AnimateDiff motion-module name (mm_sd_v15_v2 layout): the
    inverse of diffusers' convert_animatediff_checkpoint_to_diffusers."""
    head, rest = name.split(".motion_modules.", 1)
    index, rest = rest.split(".", 1)
    rest = (rest.replace("attn1.", "attention_blocks.0.").replace("attn2.", "attention_blocks.1.")
            .replace("norm1.", "norms.0.").replace("norm2.", "norms.1.").replace("norm3.", "ff_norm."))
    return f"{head}.motion_modules.{index}.temporal_transformer.{rest}"


def build_animatediff():
    """A random MotionAdapter for tiny-sd1 (diffusers folder and original single file, float16), one temporal
    block's output, and 2-step AnimateDiffPipeline runs (Euler, trailing timesteps, linear betas as AnimateDiff
    and AnimateDiff-Lightning sample) from fixed [1, 4, 16, 8, 8] noise, with and without guidance."""
    from diffusers import AnimateDiffPipeline, EulerDiscreteScheduler, MotionAdapter, StableDiffusionPipeline, UNetMotionModel
    from safetensors.torch import load_file, save_file as save_torch
    root = os.path.join(OUT, "tiny-sd1")
    folder = os.path.join(root, "motion-adapter")
    shutil.rmtree(folder, ignore_errors=True)
    adapter = MotionAdapter(block_out_channels=(32, 32, 64), motion_layers_per_block=2,
                            motion_mid_block_layers_per_block=1, motion_num_attention_heads=8,
                            motion_norm_num_groups=32, motion_max_seq_length=32, use_motion_mid_block=True).eval()
    randomise(adapter, 71)
    save_module(adapter, folder, "diffusion_pytorch_model.safetensors")
    tensors = load_file(os.path.join(folder, "diffusion_pytorch_model.safetensors"))
    original = {original_motion_key(k): v for k, v in tensors.items() if not k.endswith(".pe")}
    for k, v in tensors.items():
        if k.endswith("pos_embed.pe"):
            original[original_motion_key(k).replace("pos_embed.pe", "").rstrip(".") + ".attention_blocks.0.pos_encoder.pe"] = v.float()
            original[original_motion_key(k).replace("pos_embed.pe", "").rstrip(".") + ".attention_blocks.1.pos_encoder.pe"] = v.float()
    single = os.path.join(root, "motion-module-original.safetensors")
    save_torch({k: v.contiguous() for k, v in original.items()}, single)
    # diffusers' own single-file loader must read the original layout back to exactly the folder's tensors.
    back = MotionAdapter.from_single_file(single, config=folder, local_files_only=True)
    for k, v in adapter.state_dict().items():
        assert torch.equal(back.state_dict()[k].float(), v.float()), k

    refs = {}
    g = torch.Generator().manual_seed(1400)
    with torch.no_grad():
        frames = 16
        base = StableDiffusionPipeline.from_pretrained(root, safety_checker=None, requires_safety_checker=False)
        # UNetMotionModel builds its temporal transformers with the UNet's norm_num_groups (8 here), not the
        # adapter's motion_norm_num_groups (32); for SD 1.5 both are 32. The references are those of the modules
        # as inserted, which is what the pipeline runs.
        unet = UNetMotionModel.from_unet2d(base.unet, adapter).eval()
        x = torch.randn((frames, 32, 4, 4), generator=g)
        refs["temporal.input"] = arr(x)
        refs["temporal.output"] = arr(unet.down_blocks[0].motion_modules[0](x, num_frames=frames))
        x = torch.randn((8, 64, 2, 2), generator=g)
        refs["temporal.mid_input"] = arr(x)
        refs["temporal.mid_output"] = arr(unet.mid_block.motion_modules[0](x, num_frames=8))
        sample = torch.randn((1, 4, frames, 8, 8), generator=g)
        emb = base.text_encoder(base.tokenizer(["a horse on the beach at sunset"], padding="max_length", max_length=77,
                                               return_tensors="pt").input_ids)[0]
        refs["unet.sample"] = arr(sample)
        refs["unet.output"] = arr(unet(sample, torch.tensor(601.0), encoder_hidden_states=emb.repeat_interleave(frames, dim=0)).sample)

        scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="linear",
                                           num_train_timesteps=1000, timestep_spacing="trailing", prediction_type="epsilon")
        pipe = AnimateDiffPipeline(vae=base.vae, text_encoder=base.text_encoder, tokenizer=base.tokenizer, unet=unet,
                                   motion_adapter=adapter, scheduler=scheduler)
        pipe.set_progress_bar_config(disable=True)
        noise = torch.randn((1, 4, frames, 8, 8), generator=g)
        np.save(os.path.join(root, "animatediff-noise.npy"), arr(noise))
        scheduler.set_timesteps(2)
        refs["pipeline.sigmas"] = np.array(scheduler.sigmas, dtype=np.float32)
        refs["pipeline.timesteps"] = np.array(scheduler.timesteps, dtype=np.float32)
        start = noise * float(scheduler.sigmas[0]) / float(scheduler.init_noise_sigma)
        for name, guidance in (("guided", 7.5), ("unguided", 1.0)):
            out = pipe("a horse on the beach at sunset", negative_prompt="", num_frames=frames, num_inference_steps=2,
                       guidance_scale=guidance, latents=start.clone(), output_type="np", height=64, width=64)
            refs[f"pipeline.{name}.frames"] = np.ascontiguousarray(np.asarray(out.frames[0], dtype=np.float32))
    save_file(refs, os.path.join(root, "animatediff-reference.safetensors"),
              metadata={"prompt": "a horse on the beach at sunset", "steps": "2", "frames": "16", "size": "64"})
    print("animatediff", {k: v.shape for k, v in refs.items()})


def build_odd_size():
    """tiny-sd1's UNet on a latent whose sides do not halve evenly (18 x 10: 144 x 80 pixels), where diffusers'
    upsamplers take the skip connection's size."""
    from diffusers import UNet2DConditionModel
    root = os.path.join(OUT, "tiny-sd1")
    unet = UNet2DConditionModel.from_pretrained(os.path.join(root, "unet")).eval()
    g = torch.Generator().manual_seed(1401)
    with torch.no_grad():
        x = torch.randn((1, 4, 18, 10), generator=g)
        context = torch.randn((1, 77, 32), generator=g)
        out = unet(x, torch.tensor(421.0), encoder_hidden_states=context).sample
    save_file({"sample": arr(x), "context": arr(context), "output": arr(out)}, os.path.join(root, "odd-size-reference.safetensors"))
    print("odd size", tuple(out.shape))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bpe", help="bpe_simple_vocab_16e6.txt.gz (from the open_clip_torch wheel)")
    parser.add_argument("--extras", action="store_true", help="only the single-file, LoRA and LCM fixtures")
    parser.add_argument("--animatediff", action="store_true", help="only the AnimateDiff fixtures (issue 14)")
    parser.add_argument("--tcd", action="store_true", help="only the TCD fixture (issue 12)")
    parser.add_argument("--noise", help="Storyreel's Philox noise for seed 12, streams 1...7 (7 x 1024 float32)")
    args = parser.parse_args()
    torch.manual_seed(0)
    if args.animatediff:
        build_animatediff()
        build_odd_size()
        return
    if args.tcd:
        build_tcd(args.noise)
        return
    if args.extras:
        for family in ("sd1", "sd2"):
            check_with_diffusers(family, to_single_file(family))
        build_lora()
        build_lcm(args.noise)
        return
    if not args.bpe:
        parser.error("--bpe is required to rebuild the base fixtures")
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
