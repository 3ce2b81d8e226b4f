import Diffusion

/// The training noise schedule and inference spacing a checkpoint ships in `scheduler/scheduler_config.json`.
public struct SchedulerConfig: Sendable {
    public var schedule: DiscreteSchedule
    public var spacing: DiscreteSchedule.Spacing
    public var prediction: PredictionType

    public init(schedule: DiscreteSchedule = .scaledLinear(), spacing: DiscreteSchedule.Spacing = .leading,
                prediction: PredictionType = .epsilon) {
        self.schedule = schedule
        self.spacing = spacing
        self.prediction = prediction
    }

    public init(_ config: ConfigFile) throws {
        let betas = try config.string("beta_schedule", default: "scaled_linear")
        guard betas == "scaled_linear" else {
            throw SDError("\(config.path): beta_schedule \"\(betas)\" is not supported; expected scaled_linear (SD 1.x/2.x)")
        }
        let schedule = DiscreteSchedule.scaledLinear(betaStart: try config.double("beta_start", default: 0.00085),
                                                     betaEnd: try config.double("beta_end", default: 0.012),
                                                     count: try config.int("num_train_timesteps", default: 1000))
        let spacingName = try config.string("timestep_spacing", default: "leading")
        guard let spacing = DiscreteSchedule.Spacing(rawValue: spacingName) else {
            throw SDError("\(config.path): timestep_spacing \"\(spacingName)\" is not supported; expected leading, trailing or linspace")
        }
        let predictionName = try config.string("prediction_type", default: "epsilon")
        guard let prediction = PredictionType(rawValue: predictionName) else {
            throw SDError("\(config.path): prediction_type \"\(predictionName)\" is not supported; expected epsilon or v_prediction")
        }
        if try config.bool("rescale_betas_zero_snr", default: false) {
            throw SDError("\(config.path): rescale_betas_zero_snr is not supported")
        }
        self.init(schedule: schedule, spacing: spacing, prediction: prediction)
    }

    /// How AnimateDiff clips are sampled whatever the base checkpoint ships: linear betas (the motion modules'
    /// training schedule) and trailing timesteps (AnimateDiff-Lightning's, which starts at the last timestep so
    /// few-step runs begin from pure noise), keeping the checkpoint's prediction type.
    public func animateDiff() -> SchedulerConfig {
        SchedulerConfig(schedule: .linear(), spacing: .trailing, prediction: prediction)
    }

    /// Sigmas for a run: the checkpoint's own spacing (`native`) or Karras over its training range, then 0.
    public func sigmas(steps: Int, schedule kind: Schedule) -> [Float] {
        switch kind {
        case .native:
            return schedule.sigmas(steps: steps, spacing: spacing)
        case .karras:
            let training = schedule.trainingSigmas
            return Sigmas.karras(steps: steps, sigmaMin: training.first!, sigmaMax: training.last!)
        }
    }
}
